package dev.spool.amqp;

import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.format.JsonFormat;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchTableTest {

    private final JsonFormat json = JsonFormat.of();

    private static void write(BatchTable t, JsonFormat json, TestEvent e, long now) {
        BatchTable.Batch b = t.open(e);
        int before = b.body.length();
        json.format(e, b.body);
        t.appended(b, b.body.length() - before, now);
    }

    /** Drains the sealed batches as "routingKey:events:bytes". */
    private static List<String> sealed(BatchTable t) {
        List<String> out = new ArrayList<>();
        for (BatchTable.Batch b = t.firstSealed(); b != null; b = t.firstSealed()) {
            out.add(new String(b.routingKey, StandardCharsets.UTF_8) + ":" + b.events + ":" + b.body.length());
            t.removeFirstSealed();
        }
        return out;
    }

    @Test
    void keepsOneBatchPerServiceAndLevelWithItsRoutingKey() {
        BatchTable t = new BatchTable("test-service", 3, 1 << 20);
        for (int i = 0; i < 3; i++) {
            write(t, json, TestEvent.event().level(Level.INFO), 0);
            write(t, json, TestEvent.event().level(Level.ERROR), 0);
        }
        write(t, json, TestEvent.event().level(Level.ERROR).resource(new Resource("other.svc", "h", 1)), 0);
        List<String> keys = sealed(t).stream().map(s -> s.substring(0, s.indexOf(':') + 2)).toList();
        assertThat(keys).containsExactly("test-service.INFO:3", "test-service.ERROR:3");
        t.sealExpired(0, 0);
        assertThat(sealed(t)).singleElement().asString().startsWith("other_svc.ERROR:1:");
        assertThat(t.isEmpty()).isTrue();
    }

    @Test
    void sealsBeforeTheEventThatWouldPassTheByteBound() {
        BatchTable t = new BatchTable("test-service", 1000, 1024);
        for (int i = 0; i < 20; i++) {
            write(t, json, TestEvent.event().message("m".repeat(200)), 0);
        }
        t.sealExpired(0, 0);
        List<String> batches = sealed(t);
        int events = 0;
        for (String b : batches) {
            String[] parts = b.split(":");
            assertThat(Integer.parseInt(parts[2])).isLessThanOrEqualTo(1024);
            events += Integer.parseInt(parts[1]);
        }
        assertThat(batches).hasSizeGreaterThan(4);
        assertThat(events).isEqualTo(20);
    }

    @Test
    void sealsOnlyBatchesOpenLongerThanTheDelay() {
        BatchTable t = new BatchTable("test-service", 1000, 1 << 20);
        write(t, json, TestEvent.event().level(Level.INFO), 1_000);
        write(t, json, TestEvent.event().level(Level.WARN), 5_000);
        t.sealExpired(5_500, 1_000);
        assertThat(sealed(t)).singleElement().asString().startsWith("test-service.INFO:1:");
        assertThat(t.isEmpty()).isFalse();
        assertThat(t.heldEvents()).isEqualTo(1);
    }

    @Test
    void routingKeyKeepsTheServiceOneWord() {
        assertThat(new String(BatchTable.routingKey("a.b*c#d", Level.FATAL), StandardCharsets.UTF_8))
                .isEqualTo("a_b_c_d.FATAL");
    }
}
