package dev.spool.sqlite.bench;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Resource;
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
 * dropped or refused): a run that lost events reports the loss and no rate. A warm-up round of a quarter
 * of the events (JIT, SQLite library load, page cache) is run first and not counted, as in the other
 * benchmarks; then ROUNDS rounds alternate the two; each rate is printed and the medians at the end.
 *
 * <p>Arguments: [EVENTS (2000000)] [THREADS (4)] [DIR (/tmp/spool-bench)] [ROUNDS (3)]
 * [INDEXED_FIELDS (none; e.g. user_id: the destination's indexedFields, in both files)]
 * [INDEXES (the destination's default, level,correlation; e.g. all: its indexes option, in both files)]
 */
public final class SqliteThroughputBench {

    /** Rows per INSERT statement in the ceiling loop, as the destination does. */
    private static final int ROWS_PER_STATEMENT = 20;
    private static final String INSERT;

    static {
        StringBuilder sql = new StringBuilder("INSERT INTO logs (event_id, ts, level, logger, thread, thread_id,"
                + " message, exception, fields, context, correlation_id, service, host, pid) VALUES ");
        for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)");
        }
        INSERT = sql.append(" ON CONFLICT (event_id) DO NOTHING").toString();
    }

    private static final Resource RESOURCE = Resource.detect();
    private static String indexedFields = "";
    private static String indexes = "level,correlation";

    private SqliteThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/spool-bench");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        indexedFields = args.length > 4 ? args[4] : "";
        indexes = args.length > 5 ? args[5] : "level,correlation";
        Files.createDirectories(dir);
        double warmPipeline = throughPipeline(fresh(dir.resolve("throughput-pipeline.db")), events / 4, threads);
        double warmJdbc = plainJdbc(fresh(dir.resolve("throughput-jdbc.db")), events / 4);
        System.out.printf("warm-up (not counted): pipeline %,.0f events/s, plain JDBC %,.0f rows/s%n", warmPipeline,
                warmJdbc);
        double[] pipeline = new double[rounds];
        double[] jdbc = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            pipeline[round] = throughPipeline(fresh(dir.resolve("throughput-pipeline.db")), events, threads);
            jdbc[round] = plainJdbc(fresh(dir.resolve("throughput-jdbc.db")), events);
            System.out.printf("round %d: pipeline %,.0f events/s, plain JDBC %,.0f rows/s%n", round + 1, pipeline[round],
                    jdbc[round]);
        }
        double pipelineRate = median(pipeline);
        double jdbcRate = median(jdbc);
        System.out.printf("indexedFields: '%s', indexes: '%s', %d rounds, medians:%n", indexedFields, indexes, rounds);
        System.out.printf("pipeline -> sqlite destination: %,.0f events/s (%d producer threads, 0 lost)%n", pipelineRate,
                threads);
        System.out.printf("plain batched JDBC (ceiling):   %,.0f rows/s%n", jdbcRate);
        System.out.printf("pipeline / ceiling:             %.0f%%%n", 100 * pipelineRate / jdbcRate);
        fresh(dir.resolve("throughput-pipeline.db"));
        fresh(dir.resolve("throughput-jdbc.db"));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Path fresh(Path db) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
        return db;
    }

    private static SpoolConfig config(Path db) {
        return SpoolConfig.builder().name("bench").resource(RESOURCE).jmx(false).queueCapacity(262_144).maxBatch(10_000)
                .shutdownTimeout(java.time.Duration.ofMinutes(10))
                .destination("db", "sqlite", Map.of("path", db.toString(), "indexedFields", indexedFields, "indexes", indexes))
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
            System.out.printf("LOSS: %,d of %,d events not stored (%,d dropped, %,d refused); no rate for this run%n",
                    logged - stored, logged, stats.droppedTotal(), stats.destinationFailed());
            System.exit(1);
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
        if (rows % 10_000 != 0) {
            throw new IllegalArgumentException("EVENTS must be a multiple of 10000, got " + rows);
        }
        Spool.configure(config(db)); // the destination creates the same schema and indexes
        Spool.shutdown();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            long began = System.nanoTime();
            long high = EventId.high(System.currentTimeMillis());
            char[] id = new char[EventId.TEXT_LENGTH];
            for (long i = 0; i < rows; i += 10_000) {
                s.execute("BEGIN IMMEDIATE");
                for (long r = i; r < Math.min(rows, i + 10_000); r++) {
                    int slot = (int) (r % ROWS_PER_STATEMENT);
                    EventId.encode(high, EventId.low(r), id, 0);
                    bind(insert, slot * 13, new String(id), r);
                    if (slot == ROWS_PER_STATEMENT - 1) {
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                s.execute("COMMIT");
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("plain JDBC: %,d rows, %.2f s%n", count(db), seconds);
            return rows / seconds;
        }
    }

    /** The row a producer's event becomes (the same resource strings as the pipeline's rows). */
    private static void bind(PreparedStatement insert, int o, String eventId, long r) throws Exception {
        insert.setString(o + 1, eventId);
        insert.setLong(o + 2, System.currentTimeMillis() * 1_000);
        insert.setInt(o + 3, Level.INFO.ordinal());
        insert.setString(o + 4, "bench.layer" + (r % 4));
        insert.setString(o + 5, "bench-" + (r % 4));
        insert.setLong(o + 6, r % 4);
        insert.setString(o + 7, "request " + r + " handled");
        insert.setString(o + 8, "{\"user_id\":" + (r % 1000) + ",\"seq\":" + r + "}");
        insert.setString(o + 9, null);
        insert.setString(o + 10, null);
        insert.setString(o + 11, RESOURCE.service());
        insert.setString(o + 12, RESOURCE.host());
        insert.setLong(o + 13, RESOURCE.pid());
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
