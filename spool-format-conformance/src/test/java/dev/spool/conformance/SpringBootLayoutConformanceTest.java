package dev.spool.conformance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.spool.Resource;
import dev.spool.format.Formats;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Options;
import dev.spool.testkit.StrictJson;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each of Spool's ecs, gelf and logstash layouts formats the same events as Spring Boot 3.5's structured
 * logging (its Logback encoder, an implementation written independently of Spool's). Both lines are
 * parsed, nested objects flattened to dotted keys, and compared: the keys only one side writes and the
 * values that differ must be exactly the differences docs/formats.md documents.
 */
class SpringBootLayoutConformanceTest {

    private static final Resource RESOURCE = new Resource("billing", "web-1", 4242);
    /** Whole milliseconds: Logback keeps no more. 2025-11-21T23:55:01.123Z. */
    private static final long MILLIS = 1_763_769_301_123L;

    /** A layout, its Spring Boot name, the keys only Spool writes, the keys only Spring Boot writes. */
    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("ecs", "ecs",
                        Set.of("process.thread.id", "event.id", "host.hostname"), Set.of()),
                Arguments.of("gelf", "gelf",
                        Set.of("_process_thread_id", "_service_name", "_event_id"), Set.of()),
                Arguments.of("logstash", "logstash", Set.of(), Set.of()));
    }

    static Stream<Arguments> cases() {
        return layouts().flatMap(layout -> Stream.of("plain", "fields", "exception", "hostile", "blank")
                .map(event -> Arguments.of(layout.get()[0], layout.get()[1], layout.get()[2], layout.get()[3], event)));
    }

    @ParameterizedTest(name = "{0} {4}")
    @MethodSource("cases")
    void writesWhatSpringBootWritesExceptTheDocumentedDifferences(String spoolFormat, String springFormat,
            Set<String> onlySpool, Set<String> onlySpring, String eventName) {
        Sample sample = Sample.named(eventName);

        Map<String, Object> spool = flatten(parseLine(spoolLine(spoolFormat, sample)));
        Map<String, Object> spring = flatten(parseLine(springLine(springFormat, sample)));

        Set<String> spoolOnly = new TreeSet<>(spool.keySet());
        spoolOnly.removeAll(spring.keySet());
        Set<String> springOnly = new TreeSet<>(spring.keySet());
        springOnly.removeAll(spool.keySet());
        assertThat(spoolOnly).as("keys only Spool writes\nspool:  %s\nspring: %s", spool, spring)
                .isEqualTo(new TreeSet<>(onlySpool));
        assertThat(springOnly).as("keys only Spring Boot writes\nspool:  %s\nspring: %s", spool, spring)
                .isEqualTo(new TreeSet<>(onlySpring));
        Map<String, Object> spoolCommon = new TreeMap<>();
        Map<String, Object> springCommon = new TreeMap<>();
        for (String key : spring.keySet()) {
            if (spool.containsKey(key)) {
                spoolCommon.put(key, normalize(key, spool.get(key)));
                springCommon.put(key, normalize(key, spring.get(key)));
            }
        }
        assertThat(spoolCommon).isEqualTo(springCommon);
    }

    /** One event, described once and built for both libraries. */
    record Sample(String level, String logger, String thread, String message, Map<String, Object> fields,
                  Map<String, String> context, Throwable throwable) {

        static Sample named(String name) {
            switch (name) {
                case "plain":
                    return new Sample("INFO", "app.db", "main", "connected to primary", Map.of(), Map.of(), null);
                case "fields":
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("order_id", "A-17");
                    fields.put("attempt", 3L);
                    fields.put("retry", true);
                    fields.put("ratio", 0.25);
                    return new Sample("WARN", "app.orders", "worker-1", "slow order", fields,
                            Map.of("correlation_id", "c-42", "user", "ann"), null);
                case "exception":
                    IllegalStateException cause = new IllegalStateException("no space");
                    cause.setStackTrace(new StackTraceElement[] {
                        new StackTraceElement("app.db.Disk", "write", "Disk.java", 7),
                        new StackTraceElement("app.Main", "main", "Main.java", 5)});
                    java.io.IOException e = new java.io.IOException("disk full", cause);
                    e.setStackTrace(new StackTraceElement[] {
                        new StackTraceElement("app.db.Store", "save", "Store.java", 42),
                        new StackTraceElement("app.Main", "main", "Main.java", 5)});
                    return new Sample("ERROR", "app.db", "main", "save failed", Map.of(), Map.of(), e);
                case "hostile":
                    String text = "a\r\nb\u0000c\u001b[31m \"q\" \\ é 😀 \u2028";
                    return new Sample("DEBUG", "app." + text, text, text, Map.of("k", text),
                            Map.of("c", text), null);
                default:
                    return new Sample("TRACE", "app", "main", "", Map.of(), Map.of(), null);
            }
        }
    }

    private static byte[] spoolLine(String format, Sample sample) {
        TestEvent event = TestEvent.event().timestampMicros(MILLIS * 1000).resource(RESOURCE)
                .level(dev.spool.Level.valueOf(sample.level())).logger(sample.logger()).thread(sample.thread(), 1)
                .message(sample.message()).throwable(sample.throwable());
        sample.fields().forEach(event::field);
        sample.context().forEach(event::context);
        ByteBuilder out = new ByteBuilder(256);
        Formats.fromOptions(new Options("", Map.of("format", format))).format(event, out);
        return Arrays.copyOf(out.array(), out.length());
    }

    private static byte[] springLine(String format, Sample sample) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "spring.application.name", RESOURCE.service(),
                "spring.application.pid", Long.toString(RESOURCE.pid()),
                // Spring's GELF host defaults to the application name; Spool's is the machine (documented).
                "logging.structured.gelf.host", RESOURCE.host())));
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        Logger logger = context.getLogger(sample.logger());
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.toLevel(sample.level()),
                sample.message(), sample.throwable(), null);
        event.setInstant(Instant.ofEpochMilli(MILLIS));
        event.setThreadName(sample.thread());
        event.setMDCPropertyMap(sample.context());
        sample.fields().forEach((k, v) -> event.addKeyValuePair(new KeyValuePair(k, v)));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        try {
            return encoder.encode(event);
        } finally {
            encoder.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseLine(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n", "\r");
        return (Map<String, Object>) StrictJson.parse(Arrays.copyOf(line, line.length - 1));
    }

    /** Nested objects as dotted keys ({@code {"log":{"level":..}}} becomes {@code log.level}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(Map<String, Object> json) {
        Map<String, Object> flat = new TreeMap<>();
        json.forEach((key, value) -> {
            if (value instanceof Map) {
                flatten((Map<String, Object>) value).forEach((k, v) -> flat.put(key + "." + k, v));
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    /** The documented value differences: time zones and precision, number scale, stack trace wording. */
    private static Object normalize(String key, Object value) {
        if (key.equals("@timestamp")) {
            return OffsetDateTime.parse((String) value).toInstant();
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros();
        }
        if (value instanceof Long) {
            return BigDecimal.valueOf((Long) value);
        }
        if (value instanceof String && (key.contains("stack_trace") || key.equals("full_message"))) {
            return ((String) value).replaceAll("(?m)^(\t+)\\.\\.\\. (\\d+) common frames omitted$", "$1... $2 more");
        }
        return value;
    }

}
