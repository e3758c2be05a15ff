package dev.spool.bench.services;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.otlp.OtlpDestinations;
import dev.spool.otlp.OtlpHealth;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * OTLP/HTTP into Spool's own receiver (the collector's {@code otlp+http://} listener in this JVM, writing a
 * JSON Lines file and answering each request only once its events are written and flushed), from three
 * senders, one producer thread each:
 * <ul>
 *   <li>{@value #SPOOL}: Spool's {@code otlp} destination; time from release until the receiver had
 *       acknowledged every event;</li>
 *   <li>{@value #SDK_DEFAULT}: the OpenTelemetry Java SDK's OTLP/HTTP log exporter behind its
 *       {@code BatchLogRecordProcessor} with the default queue (2,048 records), which drops what does not
 *       fit; time until {@code forceFlush} completed;</li>
 *   <li>{@value #SDK_SIZED}: the same with a queue as large as the run, so that it drops nothing: the rate
 *       Spool is compared with.</li>
 * </ul>
 * Every sender's events are then looked for in the receiver's file (each sender is its own producer
 * number): what the SDK dropped is reported as a loss, not a rate.
 */
final class OtlpSuite implements ServiceSuite {

    static final String ID = "otlp";
    static final String SPOOL = "spool-otlp";
    static final String SDK_DEFAULT = "otel-sdk-default-queue";
    static final String SDK_SIZED = "otel-sdk-queue-of-run-size";
    private static final List<String> SUBJECTS = List.of(SPOOL, SDK_DEFAULT, SDK_SIZED);
    private static final String DESTINATION = "otlp";
    /**
     * Environment variable overriding the destination's {@code requests.maxOutstanding} (its default when
     * unset), so that two settings can be compared run by run without rebuilding.
     */
    static final String MAX_OUTSTANDING_ENV = "SPOOL_BENCH_OTLP_MAX_OUTSTANDING";

    private record Timed(long nanos, long cpuNanos, String note) {
    }

    @Override
    public List<Measurement> run(Path dir, int events, int round) throws Exception {
        Path file = dir.resolve("received.log");
        SpoolConfig receiving = SpoolConfig.builder().name("bench-receiver").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", file.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
        List<String> order = new ArrayList<>(SUBJECTS);
        if (round % 2 == 0) {
            java.util.Collections.reverse(order);
        }
        Map<String, Timed> timed = new java.util.HashMap<>();
        try (Collector collector = Collector.start(CollectorConfig.builder(receiving)
                .listen("otlp+http://127.0.0.1:0").build())) {
            String endpoint = collector.otlpAddresses().get(0).replace("otlp+http://", "http://");
            for (String subject : order) {
                int producer = SUBJECTS.indexOf(subject);
                timed.put(subject, subject.equals(SPOOL) ? spool(endpoint, dir.resolve("spool"), events)
                        : sdk(endpoint, producer, events, subject.equals(SDK_DEFAULT) ? 2048 : events));
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (String subject : SUBJECTS) {
            Arrivals arrivals = new Arrivals(SUBJECTS.indexOf(subject), 1, events);
            Stored.scanLines(file, arrivals);
            Timed t = timed.get(subject);
            out.add(new Measurement(ID, subject, events, t.nanos(), arrivals.verdict().label(), arrivals.verdict().ok(),
                    Stored.cpuPerEvent(t.cpuNanos(), events) + " (sender and receiver); " + t.note()));
        }
        Stored.deleteTree(dir);
        return out;
    }

    /** Spool's destination: until the receiver acknowledged every event. */
    private static Timed spool(String endpoint, Path spoolDir, int events) throws InterruptedException {
        Map<String, String> options = new java.util.HashMap<>(Map.of("endpoint", endpoint, "spool.dir", spoolDir.toString(),
                "batch.maxEvents", "2000", "batch.maxBytes", "2MB", "batch.maxDelay", "50ms", "spool.segmentBytes", "64MB"));
        String outstanding = System.getenv(MAX_OUTSTANDING_ENV);
        if (outstanding != null && !outstanding.isBlank()) {
            options.put("requests.maxOutstanding", outstanding.trim());
        }
        Spool.configure(SpoolConfig.builder().name("bench-otlp").jmx(false).shutdownHook(false)
                .destination(DESTINATION, "otlp", options)
                .route("root", Producers.LOGGERS, Level.INFO, DESTINATION).build());
        long cpu = Stored.processCpuNanos();
        ThreadCpu threads = ThreadCpu.start();
        Producers.Logged logged = Producers.log(1, 0, events);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (delivered() < events && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // sampling a counter
        }
        long nanos = System.nanoTime() - logged.releaseNanos();
        cpu = Stored.processCpuNanos() - cpu;
        String split = threads.perEvent(events, logged);
        OtlpHealth h = OtlpDestinations.health(DESTINATION).orElseThrow();
        PipelineStats stats = Spool.shutdown(Duration.ofMinutes(1));
        return new Timed(nanos, cpu, split + "; requests.maxOutstanding " + (outstanding == null ? "default" : outstanding)
                + "; delivered " + h.deliveredEvents() + " in " + h.requests() + " requests, resent "
                + h.resentEvents() + ", rejected " + h.rejectedEvents() + "; written " + stats.written());
    }

    private static long delivered() {
        return OtlpDestinations.health(DESTINATION).map(OtlpHealth::deliveredEvents).orElse(0L);
    }

    /** The SDK's exporter: until {@code forceFlush} completed (what it did not drop was then acknowledged). */
    private static Timed sdk(String endpoint, int producer, int events, int queue) {
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(endpoint + "/v1/logs").build()).setMaxQueueSize(queue).build())
                .build();
        try {
            io.opentelemetry.api.logs.Logger logger = provider.get(Producers.LOGGERS + ".p" + producer);
            long cpu = Stored.processCpuNanos();
            ThreadCpu threads = ThreadCpu.start();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                logger.logRecordBuilder().setSeverity(Severity.INFO).setBody(Arrivals.message(producer, i)).emit();
            }
            boolean flushed = provider.forceFlush().join(10, TimeUnit.MINUTES).isSuccess();
            long nanos = System.nanoTime() - start;
            String split = threads.perEvent(events, new Producers.Logged(start, 0)); // main emitted: counted as main
            return new Timed(nanos, Stored.processCpuNanos() - cpu, split + "; queue " + queue + " records"
                    + (flushed ? "" : "; forceFlush did not succeed"));
        } finally {
            provider.shutdown().join(1, TimeUnit.MINUTES);
        }
    }
}
