package dev.spool;

import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dict of fields, as Python loggers take one: {@code log.log(level, message, map)} and {@code at(level).fields(map)}. */
class FieldsMapTest {

    private final CapturingSink sink = new CapturingSink();

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    private Logger configure() {
        Spool.configure(SpoolConfig.builder().name("fields-map").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory()).route("root", "", Level.INFO, "capture").build());
        return Spool.logger("app.orders");
    }

    private static Map<String, Object> dict() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user_id", 42);
        fields.put("ratio", 0.75);
        fields.put("admin", true);
        fields.put("code", "042");
        fields.put("when", java.time.LocalDate.of(2026, 12, 5));
        return fields;
    }

    @Test
    void eachEntryIsAFieldKeepingItsTypeAndTheMessageIsNotAPattern() {
        Logger log = configure();
        log.log(Level.WARN, "order {} placed", dict());
        log.atInfo().kv("first", 1).fields(dict()).fields(null).log("built");
        log.log(Level.DEBUG, "below the level", dict());
        Spool.flush(Duration.ofSeconds(5));

        List<Captured> events = sink.events();
        assertThat(events).extracting(Captured::message).containsExactly("order {} placed", "built");
        assertThat(events.get(0).level()).isEqualTo(Level.WARN);
        assertThat(events.get(0).fields()).containsExactlyInAnyOrderEntriesOf(Map.of("user_id", 42, "ratio", 0.75,
                "admin", true, "code", "042", "when", "2026-12-05"));
        assertThat(events.get(1).fields()).containsEntry("first", 1L).containsEntry("user_id", 42).hasSize(6);
    }

    @Test
    void theOneCallAmqpSetupSaysWhatIsMissingWithoutSpoolAmqp() {
        assertThatThrownBy(() -> SpoolConfig.amqp("svc", "amqp://guest:guest@127.0.0.1:5672/%2f"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the 'amqp' type comes with spool-amqp: put it on the class path");
    }
}
