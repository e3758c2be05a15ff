package dev.spool.collector.otlp;

import dev.spool.Level;
import dev.spool.spi.LogEvent;
import dev.spool.spi.RemoteThrowable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What other senders' records become; hostile bytes are in OtlpReceiverIT, over HTTP. */
class OtlpLogsDecoderTest {

    private static List<? extends LogEvent> json(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return OtlpLogsDecoder.decode(b, 0, b.length, true);
    }

    private static String request(String resourceAttributes, String scope, String records) {
        return "{\"resourceLogs\":[{\"resource\":{\"attributes\":[" + resourceAttributes + "]},\"scopeLogs\":[{"
                + "\"scope\":{\"name\":\"" + scope + "\"},\"logRecords\":[" + records + "]}]}]}";
    }

    private static String ledgerRecord(String sent) {
        return "{\"attributes\":[" + String.join(",", attr("node", "stringValue", "\"7QK2M9XD\""),
                attr("start_us", "intValue", "\"1\""), attr("pipeline", "stringValue", "\"default\""),
                attr("destination", "stringValue", "\"otlp\""), attr("at_us", "intValue", "\"2\""),
                attr("sent", "intValue", sent), attr("failed", "intValue", "\"0\""),
                attr("dropped.queue_full", "intValue", "\"4\""), attr("last_counter", "stringValue", "\"00003ZZ1\""),
                attr("final", "boolValue", "true"), "{\"key\":\"other\",\"value\":{\"stringValue\":\"x\"}}") + "]}";
    }

    private static String attr(String member, String type, String value) {
        return "{\"key\":\"spool.ledger." + member + "\",\"value\":{\"" + type + "\":" + value + "}}";
    }

    @Test
    void turnsSpoolLedgerAttributesBackIntoALedgerAndRefusesABadOne() {
        LogEvent e = json(request("", "spool.ledger", ledgerRecord("\"6000\""))).get(0);
        assertThat(e.kind()).isEqualTo(dev.spool.spi.EventKind.LEDGER);
        assertThat(e.ledger()).isEqualTo(new dev.spool.spi.Ledger("7QK2M9XD", 1, "default", "otlp", 2, 6000, 0,
                java.util.Map.of("queue_full", 4L), "00003ZZ1", true));
        assertThat(e.fieldCount()).as("only the other attribute stays a field").isEqualTo(1);
        assertThatThrownBy(() -> json(request("", "spool.ledger", ledgerRecord("\"-1\""))))
                .hasMessageContaining("spool.ledger.sent");
        assertThatThrownBy(() -> json(request("", "spool.ledger", ledgerRecord("\"1.5\""))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsSeverityByRangeThenByText() {
        List<? extends LogEvent> events = json(request("", "s", "{\"severityNumber\":1},{\"severityNumber\":8},"
                + "{\"severityNumber\":12},{\"severityNumber\":\"SEVERITY_NUMBER_WARN3\"},{\"severityNumber\":20},"
                + "{\"severityNumber\":24},{\"severityText\":\"warning\"},{\"severityText\":\"CRITICAL\"},{}"));
        assertThat(events).extracting(LogEvent::level).containsExactly(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN,
                Level.ERROR, Level.FATAL, Level.WARN, Level.FATAL, Level.INFO);
        assertThatThrownBy(() -> json(request("", "s", "{\"severityNumber\":25}"))).hasMessageContaining("severity_number");
    }

    @Test
    void takesTheResourceScopeAndOtherResourceAttributesAsContext() {
        LogEvent e = json(request("{\"key\":\"service.name\",\"value\":{\"stringValue\":\"py\"}},"
                + "{\"key\":\"process.pid\",\"value\":{\"intValue\":\"31\"}},"
                + "{\"key\":\"k8s.pod.name\",\"value\":{\"stringValue\":\"pod-1\"}}", "app.db",
                "{\"timeUnixNano\":\"5000\",\"body\":{\"stringValue\":\"m\"}}")).get(0);
        assertThat(e.resource().service()).isEqualTo("py");
        assertThat(e.resource().host()).isEqualTo("unknown");
        assertThat(e.resource().pid()).isEqualTo(31);
        assertThat(e.logger()).isEqualTo("app.db");
        assertThat(e.timestampMicros()).isEqualTo(5);
        assertThat(e.context().get("k8s.pod.name")).isEqualTo("pod-1");
        assertThat(OtlpLogsDecoder.hasSenderId(e)).isFalse();
    }

    @Test
    void keepsComplexValuesAsJsonTextAndAForeignUidAsAField() {
        LogEvent e = json(request("", "s", "{\"attributes\":["
                + "{\"key\":\"list\",\"value\":{\"arrayValue\":{\"values\":[{\"intValue\":1},{\"stringValue\":\"a\"}]}}},"
                + "{\"key\":\"map\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"x\",\"value\":{\"boolValue\":true}}]}}},"
                + "{\"key\":\"raw\",\"value\":{\"bytesValue\":\"AQI=\"}},"
                + "{\"key\":\"log.record.uid\",\"value\":{\"stringValue\":\"not-a-ulid\"}}]}")).get(0);
        assertThat(e.fieldKey(0)).isEqualTo("list");
        assertThat(e.fieldValue(0)).isEqualTo("[1,\"a\"]");
        assertThat(e.fieldValue(1)).isEqualTo("{\"x\":true}");
        assertThat(e.fieldValue(2)).isEqualTo("AQI=");
        assertThat(e.fieldKey(3)).isEqualTo("log.record.uid");
        assertThat(e.fieldValue(3)).isEqualTo("not-a-ulid");
        assertThat(OtlpLogsDecoder.hasSenderId(e)).isFalse();
    }

    @Test
    void rebuildsAnExceptionFromJavaStackText() {
        LogEvent e = json(request("", "s", "{\"attributes\":["
                + "{\"key\":\"exception.type\",\"value\":{\"stringValue\":\"java.io.IOException\"}},"
                + "{\"key\":\"exception.message\",\"value\":{\"stringValue\":\"disk\"}},"
                + "{\"key\":\"exception.stacktrace\",\"value\":{\"stringValue\":\"java.io.IOException: disk\\n"
                + "\\tat a.B.c(B.java:3)\\n\\tat a.B.d(Native Method)\\nCaused by: java.lang.Error: low\\n"
                + "\\tat x.Y.z(Unknown Source)\\n\\t... 2 more\\n\"}}]}")).get(0);
        RemoteThrowable t = (RemoteThrowable) e.throwable();
        assertThat(t.className()).isEqualTo("java.io.IOException");
        assertThat(t.getMessage()).isEqualTo("disk");
        assertThat(t.getStackTrace()).extracting(StackTraceElement::toString)
                .containsExactly("a.B.c(B.java:3)", "a.B.d(Native Method)");
        RemoteThrowable cause = (RemoteThrowable) t.getCause();
        assertThat(cause.className()).isEqualTo("java.lang.Error");
        assertThat(cause.getMessage()).isEqualTo("low");
        assertThat(cause.getStackTrace()).hasSize(1);
        assertThat(e.fieldCount()).isZero();
    }

    @Test
    void refusesBadTraceIdsAndSkipsUnknownKeys() {
        assertThatThrownBy(() -> json(request("", "s", "{\"traceId\":\"abc\"}"))).hasMessageContaining("traceId");
        assertThatThrownBy(() -> json(request("", "s", "{\"traceId\":\"00ff\"}"))).hasMessageContaining("16");
        assertThat(json(request("", "s", "{\"futureField\":{\"a\":1},\"body\":{\"stringValue\":\"ok\"}}")).get(0)
                .message().toString()).isEqualTo("ok");
    }
}
