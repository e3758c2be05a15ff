package dev.spool.postgres.bench;

import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.postgres.PostgresServer;
import dev.spool.postgres.PostgresSinkProvider;
import dev.spool.spi.Options;
import dev.spool.Resource;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;
import dev.spool.testkit.TestEvent;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Store ingest rate of the {@code postgres} destination: COPY into a staging table then
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, against multi-row {@code INSERT ... ON CONFLICT DO
 * NOTHING}, at batches of 1000 and 10000 rows, each run into empty tables of the same schema in a fresh
 * database. The time runs from the first write to the last commit.
 *
 * <p>Arguments: rows per run (default 500000), rounds (default 2; the order of the paths alternates
 * between rounds), batch sizes (default {@code 1000,10000}). Prints every run, then the median of each
 * configuration.
 */
public final class IngestPathComparison {

    private static final String[] LOGGERS = {"app.http.server", "app.db.pool", "app.billing.invoice", "app.auth",
        "app.cache", "app.search.index", "app.mail", "app.queue.consumer"};
    private static final Level[] LEVELS = {Level.DEBUG, Level.INFO, Level.INFO, Level.INFO, Level.WARN, Level.ERROR};

    private IngestPathComparison() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int[] batches = Arrays.stream((args.length > 2 ? args[2] : "1000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String url = PostgresServer.createDatabase();
        try {
            System.out.printf(Locale.ROOT, "%d rows per run, PostgreSQL at %s%n", rows, url);
            Map<String, List<Double>> rates = new TreeMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (int batch : batches) {
                    // the order alternates between rounds, so neither path always runs on a warmer server
                    String[] paths = round % 2 == 1 ? new String[] {"copy", "insert"} : new String[] {"insert", "copy"};
                    for (String ingest : paths) {
                        double perSecond = run(url, ingest, batch, rows);
                        String config = String.format(Locale.ROOT, "%-6s batch %5d", ingest, batch);
                        rates.computeIfAbsent(config, k -> new ArrayList<>()).add(perSecond);
                        System.out.printf(Locale.ROOT, "round %d  %s  %,10.0f rows/s%n", round, config, perSecond);
                    }
                }
            }
            rates.forEach((config, r) -> System.out.printf(Locale.ROOT, "median   %s  %,10.0f rows/s over %d runs%n",
                    config, median(r), r.size()));
        } finally {
            PostgresServer.dropDatabase(url);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Writes {@code rows} events into empty tables and returns rows per second until the last commit. */
    private static double run(String url, String ingest, int batch, int rows) throws Exception {
        try (Connection c = PostgresServer.connect(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS logs, metrics, schema_version");
        }
        Options options = new Options("destinations.bench.", Map.of("url", url, "ingest", ingest,
                "batchSize", Integer.toString(batch), "batchTime", "1h"));
        Sink sink = new PostgresSinkProvider().configure(options).open(new BenchContext("bench"));
        TestEvent event = TestEvent.event().field("user_id", 42L).field("route", "/api/orders")
                .context(Context.CORRELATION_ID, "c-8f3a");
        long startMicros = System.currentTimeMillis() * 1_000;
        long start = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            sink.write(fill(event, i, startMicros));
        }
        sink.close(); // commits the last batch
        long elapsed = System.nanoTime() - start;
        return rows / (elapsed / 1e9);
    }

    private static TestEvent fill(TestEvent event, int i, long startMicros) {
        long ts = startMicros + i * 10L;
        event.id(EventId.high(ts / 1_000), i + 1).timestampMicros(ts).level(LEVELS[i % LEVELS.length])
                .logger(LOGGERS[i % LOGGERS.length]).thread("worker-" + (i % 16), 100 + i % 16)
                .message("request " + i + " handled in " + (i % 977) + " ms for tenant " + (i % 31));
        return event;
    }

    /** The sink context of the benchmark's destination. */
    private record BenchContext(String destinationName) implements SinkContext {
        @Override
        public Resource resource() {
            return TestEvent.RESOURCE;
        }
    }
}
