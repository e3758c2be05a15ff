package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.testkit.TestEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protobuf encoder's bytes, decoded by the official opentelemetry-proto classes, against the request the
 * official builders make of the same events: every string as its UTF-8 (multi-byte, surrogate pairs,
 * control chars, a lone surrogate as U+FFFD), bodies long enough for a two-byte length, more distinct keys
 * than the encoder keeps, several resources and scopes, and the encoder reused for a second request.
 */
class ProtobufEncoderTest {

    private static final Resource OTHER = new Resource("other-service", "other-host", 7);

    private static List<TestEvent> events() {
        List<TestEvent> events = new ArrayList<>();
        String[] bodies = {"plain ascii", "é 中 \uD83D\uDE00 tab\tnew\nline nul\u0000 del\u007f", "a\uD800b lone high",
                "lone low at the end \uDC00", "x".repeat(300), ""};
        for (int i = 0; i < 1_200; i++) {
            CharSequence body = i % 2 == 0 ? new StringBuilder(bodies[i % bodies.length]).append(' ').append(i)
                    : bodies[i % bodies.length] + " " + i;
            TestEvent e = TestEvent.event().id(EventId.high(1_763_769_301_000L + i), i).level(Level.values()[i % 6])
                    .logger(i % 50 < 25 ? "app.orders" : "app.dé").thread(i % 3 == 0 ? "wörker-" + i : "worker", i % 4)
                    .message(body).field("order_id", (long) i).field("total", i * 1.25).field("paid", i % 2 == 0)
                    .field("customer", "c-" + i).field("k" + i, "distinct key " + i).field("clé", "naïve " + i);
            if (i % 7 == 0) {
                e.context("request_id", "r-" + i);
            }
            if (i >= 600 && i < 700) {
                e.resource(OTHER);
            }
            events.add(e);
        }
        return events;
    }

    @Test
    void everyRecordDecodesWithTheOfficialClassesAsTheOfficialBuildersMakeIt() throws Exception {
        List<TestEvent> all = events();
        ProtobufEncoder encoder = new ProtobufEncoder(Map.of("deployment.environment", "prod-é"));
        ByteBuilder out = new ByteBuilder(1024);
        for (List<TestEvent> request : List.of(all.subList(0, 900), all.subList(900, all.size()))) {
            for (TestEvent e : request) {
                encoder.add(e);
            }
            encoder.finish(out);
            ExportLogsServiceRequest decoded = ExportLogsServiceRequest.parseFrom(Arrays.copyOf(out.array(), out.length()));
            assertThat(decoded).isEqualTo(OfficialRequest.of(request, Map.of("deployment.environment", "prod-é")));
        }
    }
}
