package dev.spool.bench.services;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.collector.CollectorStats;
import dev.spool.forward.CollectorAddress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The collector over a unix socket with acknowledgements: a {@code forward} destination (one producer
 * thread, one connection) sends to a collector in this JVM that writes one JSON Lines file and acknowledges
 * each event once it is written and flushed. Time from release until the collector had acknowledged every
 * event; then the file is read back. Sender and collector share this JVM and the machine's cores.
 */
final class CollectorSuite implements ServiceSuite {

    static final String ID = "collector";
    static final String SUBJECT = "collector-unix-acked";
    private static final String SOCKET = "collector.sock";

    @Override
    public List<Measurement> run(Path dir, int events, int round) throws Exception {
        Path file = dir.resolve("collected.log");
        SpoolConfig receiving = SpoolConfig.builder().name("bench-collector").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", file.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
        long nanos;
        long cpu;
        String split;
        CollectorStats seen;
        PipelineStats sent;
        Path socketDir = socketDirectory(dir);
        try (Collector collector = Collector.start(CollectorConfig.builder(receiving)
                .listen(CollectorAddress.unix(socketDir.resolve(SOCKET))).build())) {
            Spool.configure(SpoolConfig.builder().name("bench-forward").jmx(false).shutdownHook(false)
                    .shutdownTimeout(Duration.ofSeconds(40))
                    .destination("forward", "forward", Map.of("address", collector.address().toString(),
                            "spill", dir.resolve("spill").toString(), "closeTimeout", "30s"))
                    .route("root", Producers.LOGGERS, Level.INFO, "forward").build());
            cpu = Stored.processCpuNanos();
            ThreadCpu threads = ThreadCpu.start();
            Producers.Logged logged = Producers.log(1, 0, events);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (collector.stats().eventsAcked() < events && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // sampling a counter
            }
            nanos = System.nanoTime() - logged.releaseNanos();
            split = threads.perEvent(events, logged);
            cpu = Stored.processCpuNanos() - cpu;
            sent = Spool.shutdown(Duration.ofMinutes(1));
            seen = collector.stats();
        } finally {
            if (!socketDir.equals(dir)) {
                Stored.deleteTree(socketDir);
            }
        }
        Arrivals arrivals = new Arrivals(0, 1, events);
        Stored.scanLines(file, arrivals);
        Stored.deleteTree(dir);
        boolean acked = seen.eventsAcked() >= events;
        return List.of(new Measurement(ID, SUBJECT, events, nanos,
                acked ? arrivals.verdict().label() : "TIMED OUT: " + seen.eventsAcked() + "/" + events + " acknowledged",
                acked && arrivals.verdict().ok(), Stored.cpuPerEvent(cpu, events) + "; " + split + "; collector in "
                + seen.eventsIn() + ", written " + seen.eventsWritten() + ", duplicates " + seen.duplicates()
                + ", rejected " + seen.rejectedTotal() + "; sender written " + sent.written()));
    }

    /**
     * The run's directory when the socket's path in it fits a unix socket address, else a new directory
     * under the system's temporary one: a checkout at a long path (spool-bench/ab's rounds) would
     * otherwise make the path too long to bind.
     */
    private static Path socketDirectory(Path dir) throws IOException {
        byte[] path = dir.resolve(SOCKET).toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        return path.length <= CollectorAddress.MAX_UNIX_PATH_BYTES ? dir : Files.createTempDirectory("spool-bench-");
    }
}
