package dev.spool.conformance;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.format.Formats;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Options;
import dev.spool.testkit.TestEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * otlp-json lines read by protobuf's own JSON parser (strict: an unknown or mistyped field fails) into
 * the official OTLP classes, and every mapped field checked there.
 */
class OtlpJsonConformanceTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final long MICROS = 1_763_769_301_123_456L;

    private static ExportLogsServiceRequest parse(LogEvent event, String... options) throws InvalidProtocolBufferException {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("format", "otlp-json");
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        ByteBuilder out = new ByteBuilder(256);
        Formats.fromOptions(new Options("", map)).format(event, out);
        String line = out.toString();
        assertThat(line).endsWith("\n");
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        JsonFormat.parser().merge(line.substring(0, line.length() - 1), request);
        return request.build();
    }

    private static Map<String, AnyValue> attributes(List<KeyValue> list) {
        Map<String, AnyValue> map = new LinkedHashMap<>();
        for (KeyValue kv : list) {
            map.put(kv.getKey(), kv.getValue());
        }
        return map;
    }

    private static AnyValue string(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static AnyValue integer(long n) {
        return AnyValue.newBuilder().setIntValue(n).build();
    }

    @Test
    void everyMappedFieldReadsBackThroughTheOfficialClasses() throws Exception {
        java.io.IOException failure = new java.io.IOException("disk\nfull");
        failure.setStackTrace(new StackTraceElement[] {new StackTraceElement("app.db.Store", "save", "Store.java", 42)});
        String hostile = "a\r\nb\u0000c \"q\" \\ é 😀 \u2028";
        LogEvent event = TestEvent.event().id(1L, 2L).timestampMicros(MICROS).level(Level.WARN).logger("app.db")
                .thread("main", 7).message(hostile).resource(new Resource("billing", "web-1", 4242))
                .field("n", 42L).field("ok", true).field("ratio", 0.5).field("nan", Double.NaN).field("nothing", null)
                .field("text", hostile).context("user", "ann").context("trace_id", TRACE_ID).context("span_id", SPAN_ID)
                .throwable(failure);

        ExportLogsServiceRequest request = parse(event, "json.static.deployment.environment", "prod");

        ResourceLogs resourceLogs = request.getResourceLogs(0);
        assertThat(attributes(resourceLogs.getResource().getAttributesList())).containsEntry("service.name", string("billing"))
                .containsEntry("host.name", string("web-1")).containsEntry("process.pid", integer(4242))
                .containsEntry("deployment.environment", string("prod")).hasSize(4);
        ScopeLogs scopeLogs = resourceLogs.getScopeLogs(0);
        assertThat(scopeLogs.getScope().getName()).isEqualTo("app.db");
        LogRecord record = scopeLogs.getLogRecords(0);
        assertThat(record.getTimeUnixNano()).isEqualTo(MICROS * 1000);
        assertThat(record.getObservedTimeUnixNano()).isEqualTo(MICROS * 1000);
        assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
        assertThat(record.getSeverityText()).isEqualTo("WARN");
        assertThat(record.getBody()).isEqualTo(string(hostile));
        // OTLP/JSON writes trace and span ids as hex, where protobuf's generic JSON mapping expects base64
        // for bytes (the one deviation the OTLP spec makes); the generic parser therefore decodes the hex
        // text as base64. Encoding its bytes back gives the text that was on the line.
        assertThat(base64(record.getTraceId())).isEqualTo(TRACE_ID);
        assertThat(base64(record.getSpanId())).isEqualTo(SPAN_ID);
        Map<String, AnyValue> attributes = attributes(record.getAttributesList());
        assertThat(attributes).containsEntry("log.record.uid", string(idText(TestEvent.event().id(1L, 2L))))
                .containsEntry("thread.name", string("main")).containsEntry("thread.id", integer(7))
                .containsEntry("n", integer(42)).containsEntry("ok", AnyValue.newBuilder().setBoolValue(true).build())
                .containsEntry("ratio", AnyValue.newBuilder().setDoubleValue(0.5).build())
                .containsEntry("nothing", AnyValue.getDefaultInstance()).containsEntry("text", string(hostile))
                .containsEntry("user", string("ann"))
                .containsEntry("exception.type", string("java.io.IOException"))
                .containsEntry("exception.message", string("disk\nfull"))
                .containsEntry("exception.stacktrace",
                        string("java.io.IOException: disk\nfull\n\tat app.db.Store.save(Store.java:42)\n"))
                .doesNotContainKeys("trace_id", "span_id");
        assertThat(attributes.get("nan").getDoubleValue()).isNaN();
    }

    @Test
    void anEventWithoutLoggerTraceOrExceptionIsStillARequest() throws Exception {
        LogEvent event = TestEvent.event().logger(null).level(Level.FATAL).message("");

        LogRecord record = parse(event).getResourceLogs(0).getScopeLogs(0).getLogRecords(0);

        assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_FATAL);
        assertThat(record.getTraceId()).isEmpty();
        assertThat(record.getBody()).isEqualTo(string(""));
    }

    private static String base64(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String idText(LogEvent event) {
        ByteBuilder out = new ByteBuilder(32);
        Formats.fromOptions(new Options("", Map.of("format", "text", "pattern", "%id"))).format(event, out);
        return out.toString();
    }
}
