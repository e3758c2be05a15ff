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
import java.util.function.Consumer;

/**
 * Query latency on a large database, for each query the CLI runs. The first run fills DB with ROWS log rows
 * (and ROWS / 10 metric samples) spread over the last 7 days: 50 loggers, 200 threads, levels mostly INFO,
 * about 1% ERROR; later runs reuse the file. Each query runs 5 times to warm up, then RUNS times; the
 * median and the worst are printed. The file is filled without field indexes; then a {@code sqlite}
 * destination with {@code indexedFields = INDEXED_FIELDS} opens it and builds those (as an existing file
 * gets them when the option is added).
 *
 * <p>Arguments: [DB (/tmp/spool-bench/query-10m.db)] [ROWS (10000000)] [RUNS (20)] [INDEXED_FIELDS (user_id)]
 * [INDEXES (level,correlation, the destination's default; e.g. all: its indexes option, made as for indexedFields)]
 */
public final class SqliteQueryBench {

    private static final long WEEK_MICROS = Duration.ofDays(7).toNanos() / 1_000;

    private SqliteQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args.length > 0 ? args[0] : "/tmp/spool-bench/query-10m.db");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String indexedFields = args.length > 3 ? args[3] : "user_id";
        String indexes = args.length > 4 ? args[4] : "level,correlation";
        if (!Files.exists(db)) {
            fill(db, rows);
        }
        long began = System.nanoTime();
        Spool.configure(SpoolConfig.builder().name("index").jmx(false).destination("db", "sqlite",
                Map.of("path", db.toString(), "indexedFields", indexedFields, "indexes", indexes))
                .route("root", "", Level.INFO, "db").build());
        Spool.shutdown();
        System.out.printf("indexedFields '%s', indexes '%s' ready in %.1f s%n", indexedFields, indexes,
                (System.nanoTime() - began) / 1e9);
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
        long now = System.currentTimeMillis() * 1_000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             PreparedStatement logs = c.prepareStatement(FILL_LOGS);
             PreparedStatement metrics = c.prepareStatement(FILL_METRICS)) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=OFF");
            for (long i = 0; i < rows; i += FILL_CHUNK) {
                System.out.printf("filling %s: %,d of %,d rows%n", db, i, rows);
                long end = Math.min(rows, i + FILL_CHUNK);
                s.execute("BEGIN");
                fill(logs, i, end, now - WEEK_MICROS, rows);
                fill(metrics, (i + 9) / 10, (end + 9) / 10, now - WEEK_MICROS, rows / 10);
                s.execute("COMMIT");
            }
            s.execute("ANALYZE");
        }
    }

    private static void fill(PreparedStatement insert, long from, long to, long firstMicros, long rows) throws Exception {
        if (from >= to) {
            return;
        }
        insert.setLong(1, from);
        insert.setLong(2, to);
        insert.setLong(3, firstMicros);
        insert.setLong(4, WEEK_MICROS / rows);
        insert.executeUpdate();
    }

    private static final int FILL_CHUNK = 500_000;

    /**
     * Row i of [?1, ?2): ts spread evenly over the week from ?3 (?4 µs apart); 50 loggers, half with a
     * ".sub" child; 200 threads; 1% ERROR (half of them "upstream timeout"), 5% WARN, 14% DEBUG, the rest
     * INFO; user_id one of 100,000 and route one of 20 in the fields; a correlation id per 8 rows.
     */
    private static final String FILL_LOGS = "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2),"
            + " r AS MATERIALIZED (SELECT i, abs(random()) % 1000 AS draw, abs(random()) % 50 AS lg, abs(random()) % 2 AS sub,"
            + " abs(random()) % 200 AS th, abs(random()) % 2 AS coin, abs(random()) % 500 AS ms,"
            + " abs(random()) % 100000 AS uid, abs(random()) % 20 AS route FROM n)"
            + " INSERT INTO logs (event_id, ts, level, logger, thread, thread_id, message, fields, context, correlation_id,"
            + " service, host, pid)"
            + " SELECT printf('%026d', i), ?3 + i * ?4,"
            + " CASE WHEN draw < 10 THEN 4 WHEN draw < 60 THEN 3 WHEN draw < 200 THEN 1 ELSE 2 END,"
            + " 'app.layer' || lg || CASE sub WHEN 1 THEN '.sub' ELSE '' END, 'worker-' || th, i % 200,"
            + " CASE WHEN draw < 10 AND coin = 1 THEN 'upstream timeout after ' ELSE 'request handled in ' END || ms || ' ms',"
            + " '{\"user_id\":' || uid || ',\"route\":\"/api/' || route || '\"}',"
            + " '{\"correlation_id\":\"req-' || (i / 8) || '\"}', 'req-' || (i / 8), 'bench', 'host', 1 FROM r";

    /** Metric sample j of [?1, ?2) (one per 10 log rows): request_duration 0.0 to 500.0 ms, route one of 20. */
    private static final String FILL_METRICS = "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?2)"
            + " INSERT INTO metrics (event_id, ts, name, value, unit, tags, service, host, pid)"
            + " SELECT 'm' || i, ?3 + i * ?4, 'request_duration', (abs(random()) % 5001) / 10.0, 'ms',"
            + " '{\"route\":\"/api/' || (abs(random()) % 20) || '\"}', 'bench', 'host', 1 FROM n";
}
