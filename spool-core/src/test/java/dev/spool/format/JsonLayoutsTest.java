package dev.spool.format;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Options;
import dev.spool.testkit.StrictJson;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The standard JSON layouts (ecs, gelf, logstash, otlp-json) and the json.rename / json.static rules. */
class JsonLayoutsTest {

    /** 2025-11-21T23:55:01.123456Z */
    private static final long MICROS = 1_763_769_301_123_456L;

    static Format format(String name, String... options) {
        Map<String, String> map = new HashMap<>();
        map.put("format", name);
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return Formats.fromOptions(new Options("destination.app.", map));
    }

    static String line(Format format, LogEvent event) {
        ByteBuilder out = new ByteBuilder(64);
        format.format(event, out);
        return out.toString();
    }

    /** Parses strictly (duplicate keys, bad escapes and invalid UTF-8 fail), after checking it is one line. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(Format format, LogEvent event) {
        ByteBuilder out = new ByteBuilder(64);
        format.format(event, out);
        byte[] line = Arrays.copyOf(out.array(), out.length());
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        for (int i = 0; i < line.length - 1; i++) {
            assertThat(line[i]).as("byte %d of %s", i, out).isNotIn((byte) '\n', (byte) '\r');
        }
        return (Map<String, Object>) StrictJson.parse(Arrays.copyOf(line, line.length - 1));
    }

    static TestEvent event() {
        return TestEvent.event().id(1L, 0L).timestampMicros(MICROS).level(Level.WARN).logger("app.db")
                .thread("main", 1).message("slow query");
    }

    static IOException exception() {
        IOException e = new IOException("disk\nfull");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("app.db.Store", "save", "Store.java", 42)});
        return e;
    }

    @Nested
    class Ecs {

        @Test
        void mapsEveryPartOfTheEventToEcsKeys() {
            Map<String, Object> json = parse(format("ecs"), event().field("order_id", "A-17").field("attempt", 3)
                    .context("correlation_id", "c-42").throwable(exception()));

            assertThat(json).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("@timestamp", "2025-11-21T23:55:01.123456Z"), Map.entry("log.level", "WARN"),
                    Map.entry("message", "slow query"), Map.entry("log.logger", "app.db"),
                    Map.entry("process.thread.name", "main"), Map.entry("process.thread.id", 1L),
                    Map.entry("event.id", "0000000000000G000000000000"), Map.entry("service.name", "test-service"),
                    Map.entry("host.hostname", "test-host"), Map.entry("process.pid", 4242L),
                    Map.entry("order_id", "A-17"), Map.entry("attempt", 3L), Map.entry("correlation_id", "c-42"),
                    Map.entry("error.type", "java.io.IOException"), Map.entry("error.message", "disk\nfull"),
                    Map.entry("error.stack_trace", "java.io.IOException: disk\nfull\n\tat app.db.Store.save(Store.java:42)\n"),
                    Map.entry("ecs.version", "8.11")));
        }

        @Test
        void leavesErrorOutWithoutAnException() {
            assertThat(parse(format("ecs"), event())).doesNotContainKeys("error.type", "error.message", "error.stack_trace");
        }
    }

    @Nested
    class Gelf {

        @Test
        void writesGelf11WithAdditionalFields() {
            Map<String, Object> json = parse(format("gelf"), event().field("order_id", "A-17").field("ratio", 0.5)
                    .context("correlation_id", "c-42"));

            assertThat(json).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("version", "1.1"), Map.entry("host", "test-host"), Map.entry("short_message", "slow query"),
                    Map.entry("timestamp", new BigDecimal("1763769301.123456")), Map.entry("level", 4L),
                    Map.entry("_level_name", "WARN"), Map.entry("_process_pid", 4242L),
                    Map.entry("_process_thread_name", "main"), Map.entry("_process_thread_id", 1L),
                    Map.entry("_service_name", "test-service"), Map.entry("_log_logger", "app.db"),
                    Map.entry("_event_id", "0000000000000G000000000000"), Map.entry("_order_id", "A-17"),
                    Map.entry("_ratio", new BigDecimal("0.5")), Map.entry("_correlation_id", "c-42")));
        }

        @Test
        void addsTheStackTraceToFullMessage() {
            Map<String, Object> json = parse(format("gelf"), event().throwable(exception()));

            String trace = "java.io.IOException: disk\nfull\n\tat app.db.Store.save(Store.java:42)\n";
            assertThat(json).containsEntry("full_message", "slow query\n\n" + trace)
                    .containsEntry("_error_type", "java.io.IOException").containsEntry("_error_message", "disk\nfull")
                    .containsEntry("_error_stack_trace", trace);
        }

        @Test
        void makesFieldNamesLegalAndKeepsIdOutOfGraylogsWay() {
            Map<String, Object> json = parse(format("gelf"), event().field("a b/c", 1).field("_x", 2).field("id", 3)
                    .field("é", 4));

            assertThat(json).containsEntry("_a_b_c", 1L).containsEntry("_x", 2L).containsEntry("__id", 3L)
                    .containsEntry("__", 4L).doesNotContainKeys("id", "_id");
        }

        @Test
        void replacesABlankMessage() {
            assertThat(parse(format("gelf"), event().message(" "))).containsEntry("short_message", "(blank)");
        }

        @Test
        void writesSecondsBeforeTheEpochAsTheNumberTheyAre() {
            assertThat(parse(format("gelf"), event().timestampMicros(-500_000L)))
                    .containsEntry("timestamp", new BigDecimal("-0.500000"));
            assertThat(parse(format("gelf"), event().timestampMicros(-1_500_000L)))
                    .containsEntry("timestamp", new BigDecimal("-1.500000"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"TRACE:7", "DEBUG:7", "INFO:6", "WARN:4", "ERROR:3", "FATAL:2"})
        void mapsLevelsToSyslogSeverities(String pair) {
            String[] p = pair.split(":");
            assertThat(parse(format("gelf"), event().level(Level.valueOf(p[0]))))
                    .containsEntry("level", Long.parseLong(p[1]));
        }
    }

    @Nested
    class Logstash {

        @Test
        void writesLogstashKeys() {
            Map<String, Object> json = parse(format("logstash"), event().field("order_id", "A-17")
                    .context("correlation_id", "c-42").throwable(exception()));

            assertThat(json).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("@timestamp", "2025-11-21T23:55:01.123456Z"), Map.entry("@version", "1"),
                    Map.entry("message", "slow query"), Map.entry("logger_name", "app.db"),
                    Map.entry("thread_name", "main"), Map.entry("level", "WARN"), Map.entry("level_value", 30_000L),
                    Map.entry("order_id", "A-17"), Map.entry("correlation_id", "c-42"),
                    Map.entry("stack_trace", "java.io.IOException: disk\nfull\n\tat app.db.Store.save(Store.java:42)\n")));
        }
    }

    @Nested
    class OtlpJson {

        @SuppressWarnings("unchecked")
        static Map<String, Object> record(Map<String, Object> request) {
            Map<String, Object> resourceLogs = (Map<String, Object>) ((List<?>) request.get("resourceLogs")).get(0);
            Map<String, Object> scopeLogs = (Map<String, Object>) ((List<?>) resourceLogs.get("scopeLogs")).get(0);
            assertThat(scopeLogs.get("scope")).isEqualTo(Map.of("name", "app.db"));
            return (Map<String, Object>) ((List<?>) scopeLogs.get("logRecords")).get(0);
        }

        @Test
        void writesOneExportRequestPerLine() {
            Map<String, Object> request = parse(format("otlp-json", "json.static.deployment.environment", "prod"),
                    event().field("n", 42L).field("ok", true).field("ratio", 0.5).field("inf", Double.POSITIVE_INFINITY)
                            .field("nothing", null).context("user", "ann")
                            .context("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").context("span_id", "00f067aa0ba902b7"));

            Map<?, ?> resource = (Map<?, ?>) ((Map<?, ?>) ((List<?>) request.get("resourceLogs")).get(0)).get("resource");
            assertThat(resource.get("attributes")).isEqualTo(List.of(
                    attribute("service.name", Map.of("stringValue", "test-service")),
                    attribute("host.name", Map.of("stringValue", "test-host")),
                    attribute("process.pid", Map.of("intValue", "4242")),
                    attribute("deployment.environment", Map.of("stringValue", "prod"))));
            Map<String, Object> record = record(request);
            assertThat(record).containsEntry("timeUnixNano", "1763769301123456000")
                    .containsEntry("observedTimeUnixNano", "1763769301123456000")
                    .containsEntry("severityNumber", 13L).containsEntry("severityText", "WARN")
                    .containsEntry("body", Map.of("stringValue", "slow query"))
                    .containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736")
                    .containsEntry("spanId", "00f067aa0ba902b7");
            assertThat(record.get("attributes")).isEqualTo(List.of(
                    attribute("log.record.uid", Map.of("stringValue", "0000000000000G000000000000")),
                    attribute("thread.name", Map.of("stringValue", "main")),
                    attribute("thread.id", Map.of("intValue", "1")),
                    attribute("n", Map.of("intValue", "42")), attribute("ok", Map.of("boolValue", true)),
                    attribute("ratio", Map.of("doubleValue", new BigDecimal("0.5"))),
                    attribute("inf", Map.of("doubleValue", "Infinity")), attribute("nothing", Map.of()),
                    attribute("user", Map.of("stringValue", "ann"))));
        }

        @Test
        @SuppressWarnings("unchecked")
        void keepsMalformedTraceIdsAsAttributes() {
            Map<String, Object> record = record(parse(format("otlp-json"), event().context("trace_id", "not-hex")));

            assertThat(record).doesNotContainKey("traceId");
            assertThat((List<Object>) record.get("attributes")).contains(attribute("trace_id", Map.of("stringValue", "not-hex")));
        }

        @Test
        @SuppressWarnings("unchecked")
        void writesExceptionsAsSemanticConventionAttributes() {
            List<Object> attributes = (List<Object>) record(parse(format("otlp-json"), event().throwable(exception()))).get("attributes");

            assertThat(attributes).contains(attribute("exception.type", Map.of("stringValue", "java.io.IOException")),
                    attribute("exception.message", Map.of("stringValue", "disk\nfull")),
                    attribute("exception.stacktrace", Map.of("stringValue",
                            "java.io.IOException: disk\nfull\n\tat app.db.Store.save(Store.java:42)\n")));
        }

        private Map<String, Object> attribute(String key, Map<String, ?> value) {
            return Map.of("key", key, "value", value);
        }
    }

    @Nested
    class EveryLayout {

        @ParameterizedTest
        @ValueSource(strings = {"json", "ecs", "gelf", "logstash", "otlp-json"})
        void keepsHostileTextOnOneValidLine(String name) {
            String hostile = "a\r\nb\u0000c\u001b[31m\u0085\u2028\u2029\"\\\uD800 é 😀";
            LogEvent event = event().message(hostile).logger(hostile).thread(hostile, 2).field(hostile, hostile)
                    .context("c" + hostile, hostile).throwable(new IllegalStateException(hostile));

            Map<String, Object> json = parse(format(name), event);

            String expected = hostile.replace('\uD800', '\uFFFD');
            assertThat(json.toString()).contains(expected);
            assertThat(line(format(name), event)).doesNotContain("\u2028", "\u0085", "\u0000");
        }

        @ParameterizedTest
        @ValueSource(strings = {"json", "ecs", "gelf", "logstash", "otlp-json"})
        void writesOnlyValidUtf8(String name) {
            ByteBuilder out = new ByteBuilder(64);
            format(name).format(event().message("\uDC00x\uD83D"), out);
            String decoded = new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);

            assertThat(decoded).contains("\uFFFDx\uFFFD").doesNotContain("?");
        }

        @ParameterizedTest
        @ValueSource(strings = {"json", "ecs", "gelf", "logstash"})
        void addsStaticMembersAndRenamesKeys(String name) {
            String messageKey = name.equals("gelf") ? "short_message" : "message";
            Map<String, Object> json = parse(format(name, "json.rename." + messageKey, "msg", "json.static.team", "pay",
                    "json.static.region", "eu\n1"), event());

            assertThat(json).containsEntry("msg", "slow query").containsEntry("team", "pay")
                    .containsEntry("region", "eu\n1").doesNotContainKey(messageKey);
        }
    }

    @Nested
    class BadOptions {

        @Test
        void refusesRenamingAKeyTheLayoutDoesNotWrite() {
            assertThatThrownBy(() -> format("ecs", "json.rename.msg", "m"))
                    .hasMessageStartingWith("bad value 'm' for key 'destination.app.json.rename.msg': expected "
                            + "json.rename.KEY where KEY is one of [");
        }

        @Test
        void refusesTwoMembersWithOneName() {
            assertThatThrownBy(() -> format("logstash", "json.rename.message", "level"))
                    .hasMessageContaining("destination.app.json.rename.");
            assertThatThrownBy(() -> format("json", "json.static.message", "x"))
                    .hasMessageContaining("'destination.app.json.static.message'");
        }

        @Test
        void refusesBlankNames() {
            assertThatThrownBy(() -> format("gelf", "json.rename.host", " "))
                    .hasMessageContaining("'destination.app.json.rename.host': expected a non-blank name");
            assertThatThrownBy(() -> format("gelf", "json.static. ", "x"))
                    .hasMessageContaining("json.static.NAME with a non-blank NAME");
        }

        @Test
        void refusesJsonKeysWithText() {
            assertThatThrownBy(() -> format("text", "json.static.team", "pay"))
                    .hasMessageContaining("'destination.app.json.static.team': expected json.* keys only with a JSON format");
        }

        @Test
        void refusesRenamesInOtlpJson() {
            assertThatThrownBy(() -> format("otlp-json", "json.rename.body", "b"))
                    .hasMessageContaining("no json.rename with format = otlp-json");
        }

        @Test
        void consoleDestinationsWriteTheLayoutsTooButNoColour() {
            Format console = Formats.forConsole(new Options("destination.out.", Map.of("format", "ECS",
                    "json.static.team", "pay")), true);

            assertThat(parse(console, event())).containsEntry("log.level", "WARN").containsEntry("team", "pay");
            assertThatThrownBy(() -> Formats.forConsole(new Options("destination.out.",
                    Map.of("format", "gelf", "color", "always")), true))
                    .hasMessageContaining("no color with format = gelf");
            assertThatThrownBy(() -> Formats.forConsole(new Options("destination.out.",
                    Map.of("json.static.team", "pay")), true))
                    .hasMessageContaining("json.* keys only with a JSON format");
        }

        @Test
        void refusesAPatternWithAJsonLayout() {
            assertThatThrownBy(() -> format("gelf", "pattern", "%m"))
                    .hasMessageContaining("no pattern with format = gelf");
        }
    }
}
