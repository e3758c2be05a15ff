package dev.spool.bench.services;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        Producers.Logged logged = Producers.log(1, 0, events);
        String split = threads.perEvent(events, logged); // before shutdown ends the writer thread
        PipelineStats stats = Spool.shutdown(Duration.ofMinutes(10));
        long nanos = System.nanoTime() - logged.releaseNanos();
        cpu = Stored.processCpuNanos() - cpu;
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
                        + ", failed " + stats.destinationFailed()));
    }
}
