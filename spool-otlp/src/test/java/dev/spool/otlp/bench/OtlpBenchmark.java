package dev.spool.otlp.bench;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.otlp.OtlpDestinations;
import dev.spool.spi.Ingress;
import dev.spool.testkit.TestEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Events per second over OTLP/HTTP into Spool's receiver (the collector's {@code otlp+http://} listener,
 * writing a JSON Lines file and answering each request only once it is written and flushed): Spool's
 * {@code otlp} destination, then the OpenTelemetry Java SDK's OTLP/HTTP exporter with its default queue
 * (2048) and with a queue as large as the run. One producer thread each; the same receiver.
 *
 * <pre>
 * mvn -B -o -q -P '!jdk25' -pl spool-otlp -am test-compile
 * java -cp "$(cat spool-otlp/target/bench.cp)" dev.spool.otlp.bench.OtlpBenchmark [events=500000] [rounds=3] [spool-only]
 * </pre>
 * (docs/decisions/otlp.md shows how bench.cp is made). Prints, per run, the rate from the first event logged
 * to the last one acknowledged, and how many the receiver wrote.
 */
public final class OtlpBenchmark {

    private OtlpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean spoolOnly = args.length > 2 && args[2].equals("spool-only"); // for a profile of Spool's side
        Path dir = Files.createTempDirectory("spool-otlp-bench");
        SpoolConfig receiving = SpoolConfig.builder().name("receiver").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", dir.resolve("received.log").toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
        try (Collector collector = Collector.start(CollectorConfig.builder(receiving)
                .listen("otlp+http://127.0.0.1:0").build())) {
            String endpoint = collector.otlpAddresses().get(0).replace("otlp+http://", "http://");
            for (int round = 1; round <= rounds; round++) {
                Path spoolDir = dir.resolve("spool" + round);
                report("spool otlp destination", events, collector, () -> spool(endpoint, spoolDir, events));
                if (!spoolOnly) {
                    report("otel sdk, default queue", events, collector, () -> sdk(endpoint, events, 2048));
                    report("otel sdk, queue = run", events, collector, () -> sdk(endpoint, events, events));
                }
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void report(String name, int events, Collector collector, Run run) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long before = collector.otlpStats().eventsWritten();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long written = collector.otlpStats().eventsWritten() - before;
        double cpuMicros = (os.getProcessCpuTime() - cpuBefore) / 1e3;
        // CPU time of the whole process (sender and receiver) per event written: steadier than the rate on a
        // shared machine, where the wall clock measures the neighbours too.
        System.out.printf("%-24s %,10.0f events/s  %,d of %,d written (%,d lost)  %.2f s  %.1f us CPU/event%n", name,
                written / seconds, written, events, events - written, seconds, cpuMicros / Math.max(1, written));
    }

    /** Returns once the endpoint acknowledged every event. */
    private static void spool(String endpoint, Path spoolDir, int events) {
        Ingress sender = Ingress.start(SpoolConfig.builder().name("sender").jmx(false).shutdownHook(false)
                .destination("otlp", "otlp", Map.of("endpoint", endpoint, "spool.dir", spoolDir.toString(),
                        "batch.maxEvents", "2000", "batch.maxBytes", "2MB", "batch.maxDelay", "50ms",
                        "spool.segmentBytes", "64MB"))
                .route("root", "", Level.TRACE, "otlp").build());
        try {
            TestEvent e = TestEvent.event().logger("app.orders").thread("worker-1", 1).field("order_id", 17L)
                    .field("total", 12.5).field("customer", "c-9").message("order placed");
            long high = EventId.high(System.currentTimeMillis());
            for (int i = 0; i < events; i++) {
                sender.ingest(e.id(high, i + 1));
            }
            while (OtlpDestinations.health("otlp").orElseThrow().deliveredEvents() < events) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // sampling a counter
            }
        } finally {
            sender.shutdown(Duration.ofSeconds(10));
        }
    }

    /** Returns once the SDK's forceFlush returned: what it did not drop was acknowledged. */
    private static void sdk(String endpoint, int events, int queue) {
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(endpoint + "/v1/logs").build()).setMaxQueueSize(queue).build())
                .build();
        io.opentelemetry.api.logs.Logger logger = provider.get("app.orders");
        for (int i = 0; i < events; i++) {
            logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("order placed")
                    .setAttribute(AttributeKey.longKey("order_id"), 17L)
                    .setAttribute(AttributeKey.doubleKey("total"), 12.5)
                    .setAttribute(AttributeKey.stringKey("customer"), "c-9").emit();
        }
        provider.forceFlush().join(5, TimeUnit.MINUTES);
        provider.shutdown().join(1, TimeUnit.MINUTES);
    }
}
