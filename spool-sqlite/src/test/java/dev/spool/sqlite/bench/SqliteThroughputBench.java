package dev.spool.sqlite.bench;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Sustained events/s into SQLite with the full schema and indexes: first through the pipeline and the
 * {@code sqlite} destination (THREADS producers), then plain batched JDBC inserts of the same rows into a
 * second file with the same schema, the ceiling. Checks zero loss (rows stored = events logged, nothing
 * dropped or refused) and prints both rates.
 *
 * <p>Arguments: [EVENTS (2000000)] [THREADS (4)] [DIR (/tmp/spool-bench)]
 */
public final class SqliteThroughputBench {

    private static final String INSERT = "INSERT OR IGNORE INTO logs (event_id, ts, level, logger, thread, thread_id,"
            + " message, exception, fields, context, correlation_id, service, host, pid)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'bench', 'host', 1)";

    private SqliteThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/spool-bench");
        Files.createDirectories(dir);
        Path pipelineDb = fresh(dir.resolve("throughput-pipeline.db"));
        Path jdbcDb = fresh(dir.resolve("throughput-jdbc.db"));

        double pipelineRate = throughPipeline(pipelineDb, events, threads);
        double jdbcRate = plainJdbc(jdbcDb, events);
        System.out.printf("pipeline -> sqlite destination: %,.0f events/s (%d producer threads)%n", pipelineRate, threads);
        System.out.printf("plain batched JDBC (ceiling):   %,.0f rows/s%n", jdbcRate);
        System.out.printf("pipeline / ceiling:             %.0f%%%n", 100 * pipelineRate / jdbcRate);
    }

    private static Path fresh(Path db) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
        return db;
    }

    private static SpoolConfig config(Path db) {
        return SpoolConfig.builder().name("bench").jmx(false).queueCapacity(262_144).maxBatch(10_000)
                .shutdownTimeout(java.time.Duration.ofMinutes(10))
                .destination("db", "sqlite", Map.of("path", db.toString()))
                .route("root", "", Level.INFO, "db").build();
    }

    static double throughPipeline(Path db, long events, int threads) throws Exception {
        Spool.configure(config(db));
        long perThread = events / threads;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread p = new Thread(() -> produce(index, perThread, go), "bench-" + t);
            producers.add(p);
            p.start();
        }
        long began = System.nanoTime();
        go.countDown();
        for (Thread p : producers) {
            p.join();
        }
        PipelineStats stats = Spool.shutdown(java.time.Duration.ofMinutes(10)); // drains and commits the last batch
        double seconds = (System.nanoTime() - began) / 1e9;
        long stored = count(db);
        long logged = perThread * threads;
        System.out.printf("pipeline: %,d logged, %,d stored, %,d dropped, %,d refused, %.2f s%n", logged, stored,
                stats.droppedTotal(), stats.destinationFailed(), seconds);
        if (stored != logged || stats.droppedTotal() != 0 || stats.destinationFailed() != 0) {
            throw new IllegalStateException("events were lost: " + stats);
        }
        return logged / seconds;
    }

    private static void produce(int index, long count, CountDownLatch go) {
        Logger log = Spool.logger("bench.layer" + (index % 4));
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (long i = 0; i < count; i++) {
            log.atInfo().kv("user_id", i % 1000).kv("seq", i).log("request {} handled", i);
        }
    }

    static double plainJdbc(Path db, long rows) throws Exception {
        Spool.configure(config(db)); // the destination creates the same schema and indexes
        Spool.shutdown();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            long began = System.nanoTime();
            for (long i = 0; i < rows; i += 10_000) {
                s.execute("BEGIN IMMEDIATE");
                for (long r = i; r < Math.min(rows, i + 10_000); r++) {
                    bind(insert, r);
                    insert.addBatch();
                }
                insert.executeBatch();
                s.execute("COMMIT");
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("plain JDBC: %,d rows, %.2f s%n", count(db), seconds);
            return rows / seconds;
        }
    }

    private static void bind(PreparedStatement insert, long r) throws Exception {
        insert.setString(1, String.format("%026d", r));
        insert.setLong(2, System.currentTimeMillis() * 1_000);
        insert.setInt(3, Level.INFO.ordinal());
        insert.setString(4, "bench.layer" + (r % 4));
        insert.setString(5, "bench-" + (r % 4));
        insert.setLong(6, r % 4);
        insert.setString(7, "request " + r + " handled");
        insert.setString(8, "{\"user_id\":" + (r % 1000) + ",\"seq\":" + r + "}");
        insert.setString(9, null);
        insert.setString(10, null);
    }

    static long count(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM logs")) {
            r.next();
            return r.getLong(1);
        }
    }
}
