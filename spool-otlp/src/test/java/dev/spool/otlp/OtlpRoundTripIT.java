package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.spi.Ingress;
import dev.spool.testkit.RandomEvents;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spool to Spool over OTLP: events full of awkward text go through the {@code otlp} destination into the
 * collector's OTLP/HTTP listener, and the collector's JSON Lines file must equal, line for line, the file
 * the sending pipeline writes of the same events.
 */
class OtlpRoundTripIT {

    private static final int EVENTS = 2_000;
    private static final Resource OTHER = new Resource("billing", "host-b", 7);

    @TempDir
    Path dir;
    private Collector collector;
    private Ingress sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.shutdown(Duration.ofSeconds(5));
        }
        if (collector != null) {
            collector.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void theReceiverWritesEveryEventAsTheSenderDoes(String encoding) throws Exception {
        Path received = dir.resolve("received.log");
        Path sent = dir.resolve("sent.log");
        collector = Collector.start(CollectorConfig.builder(SpoolConfig.builder().name("receiver").shutdownHook(false)
                        .jmx(false).destination("out", "file", Map.of("path", received.toString(), "format", "json"))
                        .route("root", "", Level.TRACE, "out").build())
                .listen("otlp+http://127.0.0.1:0").build());
        String endpoint = collector.otlpAddresses().get(0).replace("otlp+http://", "http://");
        sender = Ingress.start(SpoolConfig.builder().name("sender").shutdownHook(false).jmx(false)
                .destination("local", "file", Map.of("path", sent.toString(), "format", "json"))
                .destination("otlp", "otlp", Map.of("endpoint", endpoint, "encoding", encoding,
                        "spool.dir", dir.resolve("spool").toString(), "batch.maxEvents", "300", "batch.maxDelay", "10ms"))
                .route("root", "", Level.TRACE, "local", "otlp").build());

        RandomEvents random = new RandomEvents(encoding.hashCode(), true);
        for (int i = 0; i < EVENTS; i++) {
            TestEvent e = random.next();
            while (sharesAKey(e)) {
                e = random.next(); // OTLP attribute keys are unique: the field would win (docs/otlp.md)
            }
            e.id(EventId.high(1_763_769_301_000L + i), i + 1);
            if (e.throwable() != null) {
                e.throwable(cleanException(i)); // stack text is for people: frames with line breaks do not survive it
            }
            if (i % 7 == 0) {
                e.resource(OTHER);
            }
            if (i % 11 == 0) {
                e.context("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").context("span_id", "00f067aa0ba902b7")
                        .context("trace_flags", "01");
            }
            assertThat(sender.ingest(e)).isTrue();
        }
        assertThat(sender.flush(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(received) && lines(received).size() == EVENTS);
        // Requests in flight together may be written in either order (docs/otlp.md, "Order"): compared by id.
        List<String> expected = byId(lines(sent));
        List<String> actual = byId(lines(received));
        assertThat(expected).hasSize(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            // Compared as JSON values: a context key with a lone surrogate arrives with U+FFFD in its place,
            // which sorts elsewhere among the context's keys.
            assertThat(json(actual.get(i))).as("event %d: %s", i, actual.get(i)).isEqualTo(json(expected.get(i)));
        }
        assertThat(collector.otlpStats().duplicates()).isZero();
    }

    private static RuntimeException cleanException(int i) {
        IllegalStateException cause = new IllegalStateException("cause of " + i);
        cause.setStackTrace(new StackTraceElement[] {new StackTraceElement("x.Y", "take", "Y.java", 3),
            new StackTraceElement("x.Y", "run", null, -1), new StackTraceElement("x.N", "call", null, -2)});
        RuntimeException top = new RuntimeException("failure " + i + " \u00e9", cause);
        top.setStackTrace(new StackTraceElement[] {new StackTraceElement("x.Z", "m", "Z.java", 9)});
        return top;
    }

    private static boolean sharesAKey(TestEvent e) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            keys.add(RandomEvents.sanitize(e.fieldKey(i)));
        }
        for (int i = 0; i < e.context().size(); i++) {
            if (keys.contains(RandomEvents.sanitize(e.context().key(i)))) {
                return true; // the same key on the wire, once lone surrogates are replaced
            }
        }
        return false;
    }

    private static List<String> byId(List<String> lines) {
        return lines.stream().sorted(java.util.Comparator.comparing(l -> String.valueOf(((Map<?, ?>) json(l)).get("id"))))
                .collect(java.util.stream.Collectors.toList());
    }

    private static Object json(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return dev.spool.spi.support.JsonReader.parse(bytes, 0, bytes.length);
    }

    /** The event lines: a JSON file also carries the pipelines' ledgers (docs/audit.md), which are not compared. */
    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.contains("\"kind\":\"ledger\""))
                .collect(java.util.stream.Collectors.toList());
    }
}
