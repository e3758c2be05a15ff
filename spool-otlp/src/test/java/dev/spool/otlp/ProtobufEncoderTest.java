package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.testkit.TestEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
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
            assertThat(decoded).isEqualTo(official(request));
        }
    }

    /** The mapping of docs/otlp.md with the official builders, resources and scopes grouped as the encoder does. */
    private static ExportLogsServiceRequest official(List<TestEvent> events) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        ResourceLogs.Builder rl = null;
        ScopeLogs.Builder scope = null;
        Resource resource = null;
        String logger = null;
        char[] id = new char[EventId.TEXT_LENGTH];
        for (TestEvent e : events) {
            if (!e.resource().equals(resource)) {
                if (rl != null) {
                    request.addResourceLogs(rl.addScopeLogs(scope));
                }
                resource = e.resource();
                rl = ResourceLogs.newBuilder().setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(kv("service.name", str(resource.service())))
                        .addAttributes(kv("host.name", str(resource.host())))
                        .addAttributes(kv("process.pid", AnyValue.newBuilder().setIntValue(resource.pid()).build()))
                        .addAttributes(kv("deployment.environment", str("prod-é"))));
                scope = null;
                logger = null;
            }
            if (!e.logger().equals(logger)) {
                if (scope != null) {
                    rl.addScopeLogs(scope);
                }
                logger = e.logger();
                scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName(logger));
            }
            long nanos = e.timestampMicros() * 1000;
            LogRecord.Builder r = LogRecord.newBuilder().setTimeUnixNano(nanos).setObservedTimeUnixNano(nanos)
                    .setSeverityNumberValue(OtlpMapping.severityNumber(e.level())).setSeverityText(e.level().name())
                    .setBody(str(utf8Of(e.message().toString())));
            for (int i = 0; i < e.fieldCount(); i++) {
                Object v = e.fieldValue(i);
                AnyValue value = v instanceof Long ? AnyValue.newBuilder().setIntValue((Long) v).build()
                        : v instanceof Double ? AnyValue.newBuilder().setDoubleValue((Double) v).build()
                        : v instanceof Boolean ? AnyValue.newBuilder().setBoolValue((Boolean) v).build() : str(v.toString());
                r.addAttributes(kv(e.fieldKey(i), value));
            }
            if (e.context().size() > 0) {
                ArrayValue.Builder keys = ArrayValue.newBuilder();
                for (int i = 0; i < e.context().size(); i++) {
                    r.addAttributes(kv(e.context().key(i), str(e.context().value(i))));
                    keys.addValues(str(e.context().key(i)));
                }
                r.addAttributes(kv("spool.context.keys", AnyValue.newBuilder().setArrayValue(keys).build()));
            }
            r.addAttributes(kv("thread.name", str(e.threadName())));
            r.addAttributes(kv("thread.id", AnyValue.newBuilder().setIntValue(e.threadId()).build()));
            EventId.encode(e.idHigh(), e.idLow(), id, 0);
            r.addAttributes(kv("log.record.uid", str(new String(id))));
            scope.addLogRecords(r);
        }
        return request.addResourceLogs(rl.addScopeLogs(scope)).build();
    }

    /** What UTF-8 makes of {@code s}: a lone surrogate becomes U+FFFD, as the encoder writes it. */
    private static String utf8Of(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }
}
