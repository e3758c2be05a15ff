package dev.spool;

import dev.spool.format.JsonFormat;
import dev.spool.format.TextFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ingress;
import dev.spool.spi.LogEvent;
import dev.spool.spi.RemoteThrowable;
import dev.spool.spi.Sink;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricAndIngestTest {

    private final List<String> json = new ArrayList<>();
    private final List<EventKind> kinds = new ArrayList<>();

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    private SpoolConfig config() {
        JsonFormat format = JsonFormat.of();
        ByteBuilder buffer = new ByteBuilder(256);
        Sink sink = new Sink() {
            @Override public void write(LogEvent event) {
                buffer.clear();
                format.format(event, buffer);
                json.add(buffer.toString());
                kinds.add(event.kind());
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        return SpoolConfig.builder().name("metrics").shutdownHook(false).jmx(false).queueCapacity(64)
                .destination("json", ctx -> sink)
                .route("metrics", "metrics", Level.INFO, "json")
                .build();
    }

    @Test
    void metricsTravelThePipelineAsMetricEventsWithTags() {
        Spool.configure(config());
        Spool.metric("request_duration", 45.2, "ms");
        Spool.metric("queue_depth", 3, "", Map.of("queue", "orders"));
        Spool.logger("app").info("not a metric: no route for app");
        Spool.flush(Duration.ofSeconds(5));
        assertThat(kinds).containsExactly(EventKind.METRIC, EventKind.METRIC);
        assertThat(json.get(0)).contains("\"logger\":\"metrics.request_duration\"")
                .contains("\"message\":\"request_duration=45.2 ms\"")
                .contains("\"kind\":\"metric\",\"metric\":{\"name\":\"request_duration\",\"value\":45.2,\"unit\":\"ms\"}");
        assertThat(json.get(1)).contains("\"metric\":{\"name\":\"queue_depth\",\"value\":3.0,\"unit\":\"\"}")
                .contains("\"fields\":{\"queue\":\"orders\"}");
    }

    @Test
    void ingestedEventsKeepTheirIdTimeThreadAndResource() throws Exception {
        List<LogEvent> seen = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Sink sink = new Sink() {
            @Override public void write(LogEvent event) {
                ids.add(EventId.toString(event.idHigh(), event.idLow()));
                seen.add(TestEvent.event().timestampMicros(event.timestampMicros()).thread(event.threadName(), event.threadId())
                        .resource(event.resource()).message(event.message().toString()));
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Ingress pipeline = Ingress.start(SpoolConfig.builder().name("collector").shutdownHook(false).jmx(false)
                .queueCapacity(64).destination("s", ctx -> sink).route("root", "", Level.INFO, "s").build());
        Resource remote = new Resource("worker", "host-b", 777);
        TestEvent event = TestEvent.event().id(EventId.high(1_000), 42).timestampMicros(1_000_123)
                .thread("pool-1", 9).resource(remote).message("from a worker").logger("w.x");
        assertThat(pipeline.ingest(event)).isTrue();
        assertThat(pipeline.ingest(TestEvent.event().level(Level.DEBUG).message("below INFO"))).isTrue();
        pipeline.shutdown(Duration.ofSeconds(5));
        assertThat(ids).containsExactly(EventId.toString(EventId.high(1_000), 42));
        assertThat(seen.get(0).timestampMicros()).isEqualTo(1_000_123);
        assertThat(seen.get(0).threadName()).isEqualTo("pool-1");
        assertThat(seen.get(0).resource()).isEqualTo(remote);
        assertThat(pipeline.ingest(event)).as("after shutdown").isFalse();
        assertThat(pipeline.stats().dropped(DropReason.AFTER_SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void eventsIngestedWithoutWakingTheWriterAreAllWrittenInOrderByTheNextFlush() {
        List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
        Sink sink = new Sink() {
            @Override public void write(LogEvent event) { messages.add(event.message().toString()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Ingress pipeline = Ingress.start(SpoolConfig.builder().name("collector").shutdownHook(false).jmx(false)
                .queueCapacity(64).destination("s", ctx -> sink).route("root", "", Level.INFO, "s").build());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // more than the ring holds: a full ring wakes the writer as before
            sent.add("event " + i);
            assertThat(pipeline.ingestWithoutWaking(TestEvent.event().id(EventId.high(1_000), i + 1).message("event " + i)))
                    .isTrue();
        }
        assertThat(pipeline.ingestWithoutWaking(TestEvent.event().level(Level.DEBUG).message("below INFO"))).isTrue();
        assertThat(pipeline.flush(Duration.ofSeconds(10))).as("the flush wakes the writer").isTrue();
        assertThat(messages).containsExactlyElementsOf(sent);
        assertThat(pipeline.stats().written()).isEqualTo(200);
        pipeline.shutdown(Duration.ofSeconds(5));
        assertThat(pipeline.ingestWithoutWaking(TestEvent.event().message("late"))).as("after shutdown").isFalse();
        assertThat(pipeline.stats().dropped(DropReason.AFTER_SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void remoteExceptionsPrintTheirOriginalClass() {
        RemoteThrowable cause = new RemoteThrowable("java.net.ConnectException", "refused",
                new StackTraceElement[] {new StackTraceElement("a.B", "c", "B.java", 3)}, null);
        RemoteThrowable top = new RemoteThrowable("com.acme.PaymentException", "declined",
                new StackTraceElement[] {new StackTraceElement("x.Y", "z", "Y.java", 7)}, cause);
        ByteBuilder out = new ByteBuilder(256);
        TextFormat.of("%m%n", ZoneOffset.UTC).format(TestEvent.event().message("failed").throwable(top), out);
        assertThat(out.toString()).contains("\tcom.acme.PaymentException: declined")
                .contains("\tat x.Y.z(Y.java:7)").contains("\tCaused by: java.net.ConnectException: refused");
        out.clear();
        JsonFormat.of().format(TestEvent.event().throwable(top), out);
        assertThat(out.toString()).contains("\"class\":\"com.acme.PaymentException\"")
                .contains("\"cause\":{\"class\":\"java.net.ConnectException\"");
    }
}
