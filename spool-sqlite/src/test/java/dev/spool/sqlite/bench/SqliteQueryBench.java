package dev.spool.sqlite.bench;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.MetricQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Query latency on a large database, for each query the CLI runs. The first run fills DB with ROWS log rows
 * (and ROWS / 10 metric samples) spread over the last 7 days: 50 loggers, 200 threads, levels mostly INFO,
 * about 1% ERROR; later runs reuse the file. Each query runs 5 times to warm up, then RUNS times; the
 * median and the worst are printed.
 *
 * <p>Arguments: [DB (/tmp/spool-bench/query-10m.db)] [ROWS (10000000)] [RUNS (20)]
 */
public final class SqliteQueryBench {

    private static final long WEEK_MICROS = Duration.ofDays(7).toNanos() / 1_000;

    private SqliteQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args.length > 0 ? args[0] : "/tmp/spool-bench/query-10m.db");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        if (!Files.exists(db)) {
            fill(db, rows);
        }
        Map<String, Consumer<LogStore>> queries = new LinkedHashMap<>();
        queries.put("newest 100", s -> s.query(LogQuery.builder().limit(100).build()));
        queries.put("--min-level ERROR --since 1h --limit 100", s -> s.query(LogQuery.builder().levelAtLeast(Level.ERROR).since("1h").limit(100).build()));
        queries.put("--level ERROR --limit 100", s -> s.query(LogQuery.builder().level(Level.ERROR).limit(100).build()));
        queries.put("--logger app.layer7 --limit 100", s -> s.query(LogQuery.builder().loggerPrefix("app.layer7").limit(100).build()));
        queries.put("--thread worker-17 --limit 100", s -> s.query(LogQuery.builder().thread("worker-17").limit(100).build()));
        queries.put("--correlation-id req-4242 --limit 100", s -> s.query(LogQuery.builder().correlationId("req-4242").limit(100).build()));
        queries.put("--since 1h --limit 100", s -> s.query(LogQuery.builder().since("1h").limit(100).build()));
        queries.put("--field user_id=42 --limit 100", s -> s.query(LogQuery.builder().field("user_id", "42").limit(100).build()));
        queries.put("--grep timeout --limit 100", s -> s.query(LogQuery.builder().text("timeout").limit(100).build()));
        queries.put("stats --since 1h", s -> s.stats(LogQuery.builder().since("1h").build(), Duration.ofMinutes(1), 10));
        queries.put("metrics --name request_duration --since 1h --bucket 1m", s -> s.metrics(
                new MetricQuery("request_duration", micros(Duration.ofHours(1)), Long.MAX_VALUE, Duration.ofMinutes(1), Map.of())));
        queries.put("metrics --name request_duration --top 10", s -> s.topSamples(MetricQuery.of("request_duration"), 10));
        try (LogStore store = SqliteStore.open(db)) {
            System.out.printf("%s: %,d bytes%n", db, store.sizeBytes());
            queries.forEach((name, query) -> time(name, query, store, runs));
        }
    }

    private static long micros(Duration beforeNow) {
        return System.currentTimeMillis() * 1_000 - beforeNow.toNanos() / 1_000;
    }

    private static void time(String name, Consumer<LogStore> query, LogStore store, int runs) {
        for (int i = 0; i < 5; i++) {
            query.accept(store);
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long began = System.nanoTime();
            query.accept(store);
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%-58s median %8.2f ms   max %8.2f ms%n", name, millis[runs / 2], millis[runs - 1]);
    }

    /** Creates the schema through the destination, then fills it with plain JDBC in 50k-row transactions. */
    static void fill(Path db, long rows) throws Exception {
        Files.createDirectories(db.toAbsolutePath().getParent());
        Spool.configure(SpoolConfig.builder().name("fill").jmx(false)
                .destination("db", "sqlite", Map.of("path", db.toString())).route("root", "", Level.INFO, "db").build());
        Spool.shutdown();
        Random random = new Random(42);
        long now = System.currentTimeMillis() * 1_000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             PreparedStatement logs = c.prepareStatement("INSERT INTO logs (event_id, ts, level, logger, thread, thread_id,"
                     + " message, fields, context, correlation_id, service, host, pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', 'host', 1)");
             PreparedStatement metrics = c.prepareStatement("INSERT INTO metrics (event_id, ts, name, value, unit, tags,"
                     + " service, host, pid) VALUES (?, ?, 'request_duration', ?, 'ms', ?, 'bench', 'host', 1)")) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=OFF");
            for (long i = 0; i < rows; i++) {
                if (i % 50_000 == 0) {
                    if (i > 0) {
                        s.execute("COMMIT");
                    }
                    s.execute("BEGIN");
                    if (i % 1_000_000 == 0) {
                        System.out.printf("filling %s: %,d of %,d rows%n", db, i, rows);
                    }
                }
                long ts = now - WEEK_MICROS + i * WEEK_MICROS / rows;
                insertLog(logs, random, i, ts);
                if (i % 10 == 0) {
                    metrics.setString(1, "m" + i);
                    metrics.setLong(2, ts);
                    metrics.setDouble(3, Math.round(random.nextDouble() * 5000) / 10.0);
                    metrics.setString(4, "{\"route\":\"/api/" + random.nextInt(20) + "\"}");
                    metrics.executeUpdate();
                }
            }
            s.execute("COMMIT");
            s.execute("ANALYZE");
        }
    }

    private static void insertLog(PreparedStatement logs, Random random, long i, long ts) throws Exception {
        int draw = random.nextInt(1000);
        Level level = draw < 10 ? Level.ERROR : draw < 60 ? Level.WARN : draw < 200 ? Level.DEBUG : Level.INFO;
        String correlation = "req-" + (i / 8);
        logs.setString(1, String.format("%026d", i));
        logs.setLong(2, ts);
        logs.setInt(3, level.ordinal());
        logs.setString(4, "app.layer" + random.nextInt(50) + (random.nextBoolean() ? ".sub" : ""));
        logs.setString(5, "worker-" + random.nextInt(200));
        logs.setLong(6, i % 200);
        logs.setString(7, (level == Level.ERROR && random.nextBoolean() ? "upstream timeout after " : "request handled in ")
                + random.nextInt(500) + " ms");
        logs.setString(8, "{\"user_id\":" + random.nextInt(100_000) + ",\"route\":\"/api/" + random.nextInt(20) + "\"}");
        logs.setString(9, "{\"correlation_id\":\"" + correlation + "\"}");
        logs.setString(10, correlation);
        logs.executeUpdate();
    }
}
