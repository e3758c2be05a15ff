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
import java.util.Locale;
import java.util.Map;

/**
 * Store ingest rate of the {@code postgres} destination: COPY into a staging table then
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, against multi-row {@code INSERT ... ON CONFLICT DO
 * NOTHING}, at batches of 1000 and 10000 rows, each run into empty tables of the same schema in a fresh
 * database. The time runs from the first write to the last commit.
 *
 * <p>Arguments: rows per run (default 500000), rounds (default 2; the paths alternate within a round).
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
        String url = PostgresServer.createDatabase();
        try {
            System.out.printf(Locale.ROOT, "%d rows per run, PostgreSQL at %s%n", rows, url);
            for (int round = 1; round <= rounds; round++) {
                for (int batch : new int[] {1_000, 10_000}) {
                    for (String ingest : new String[] {"copy", "insert"}) {
                        double perSecond = run(url, ingest, batch, rows);
                        System.out.printf(Locale.ROOT, "round %d  %-6s batch %5d  %,10.0f rows/s%n",
                                round, ingest, batch, perSecond);
                    }
                }
            }
        } finally {
            PostgresServer.dropDatabase(url);
        }
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
