package dev.spool.bench.services;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code sqlite} destination with its defaults (the default indexes {@code level,correlation}, WAL,
 * batches of 10,000): one producer thread, time from release until {@code Spool.shutdown} returned (the
 * last batch committed); then every row's message is read back.
 */
final class SqliteSuite implements ServiceSuite {

    static final String ID = "sqlite";
    static final String SUBJECT = "sqlite-default-indexes";

    @Override
    public List<Measurement> run(Path dir, int events, int round) throws Exception {
        Path db = dir.resolve("events.db");
        Spool.configure(SpoolConfig.builder().name("bench-sqlite").jmx(false).shutdownHook(false)
                .destination("db", "sqlite", Map.of("path", db.toString()))
                .route("root", Producers.LOGGERS, Level.INFO, "db").build());
        long cpu = Stored.processCpuNanos();
        ThreadCpu threads = ThreadCpu.start();
        WalSize wal = WalSize.watch(Path.of(db + "-wal"));
        Producers.Logged logged = Producers.log(1, 0, events);
        String split = threads.perEvent(events, logged); // before shutdown ends the writer thread
        PipelineStats stats = Spool.shutdown(Duration.ofMinutes(10));
        long nanos = System.nanoTime() - logged.releaseNanos();
        cpu = Stored.processCpuNanos() - cpu;
        long largestWal = wal.stop();
        Arrivals arrivals = new Arrivals(0, 1, events);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT message FROM logs")) {
            while (rows.next()) {
                arrivals.scan(rows.getString(1));
            }
        }
        Stored.deleteTree(dir);
        return List.of(new Measurement(ID, SUBJECT, events, nanos, arrivals.verdict().label(), arrivals.verdict().ok(),
                Stored.cpuPerEvent(cpu, events) + "; " + split + "; written " + stats.written() + ", dropped " + stats.droppedTotal()
                        + ", failed " + stats.destinationFailed()
                        + String.format(Locale.ROOT, "; largest WAL %.1f MB", largestWal / 1048576.0)));
    }

    /**
     * The largest size the WAL file reached during a run, sampled every 20 ms on a thread of its own: SQLite
     * only starts a WAL over when a checkpoint has caught up with the writer, so a checkpoint scheme that
     * never does shows here as a WAL that keeps growing (docs/decisions/sqlite-checkpoint.md).
     */
    static final class WalSize implements Runnable {

        private final Path file;
        private final Thread thread;
        private volatile boolean stopped;
        private volatile long largest;

        private WalSize(Path file) {
            this.file = file;
            this.thread = new Thread(this, "bench-wal-size");
            thread.setDaemon(true);
        }

        static WalSize watch(Path file) {
            WalSize w = new WalSize(file);
            w.thread.start();
            return w;
        }

        @Override
        public void run() {
            while (!stopped) {
                sample();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // sampling a file's size
            }
        }

        private void sample() {
            try {
                largest = Math.max(largest, Files.size(file));
            } catch (IOException e) {
                // not there yet, or removed at close: nothing to sample
            }
        }

        /** Stops sampling; returns the largest size seen, in bytes. */
        long stop() throws InterruptedException {
            stopped = true;
            thread.join();
            return largest;
        }
    }
}
