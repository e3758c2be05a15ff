package dev.spool.cli.web;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.spi.LogEvent;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.store.TestMetric;

import java.util.ArrayList;
import java.util.List;

/**
 * Events for the web view's browser tests, written straight through a store writer (no pipeline), so that a
 * million of them take seconds: evenly spread over a span ending at a given time, with the loggers,
 * threads, fields, correlation and trace ids, exceptions and metric samples the page shows.
 */
final class WebFixture {

    static final String[] LOGGERS = {"app.http", "app.db", "app.db.pool", "app.payment", "app.auth"};
    /** A thread name longer than any column: the page must show it whole. */
    static final String LONG_THREAD = "scheduling-worker-for-nightly-invoice-reconciliation-batch-7";
    private static final int BATCH = 20_000;

    private WebFixture() {
    }

    /** The level of event {@code i}: one ERROR in 100, one WARN in 20, DEBUG and INFO for the rest. */
    static Level level(long i) {
        return i % 100 == 0 ? Level.ERROR : i % 20 == 1 ? Level.WARN : i % 7 == 2 ? Level.DEBUG : Level.INFO;
    }

    static String thread(long i) {
        return i % 10 == 3 ? LONG_THREAD : "http-nio-8080-exec-" + (i % 8);
    }

    /**
     * Writes {@code count} log events from {@code firstMicros} to {@code lastMicros}, oldest first, and a
     * {@code request_duration} sample for every tenth, with ids that differ from any other fill's by
     * {@code idBase}.
     */
    static void fill(StoreWriter writer, long count, long firstMicros, long lastMicros, long idBase) {
        List<LogEvent> batch = new ArrayList<>(BATCH + BATCH / 10);
        double step = count <= 1 ? 0 : (double) (lastMicros - firstMicros) / (count - 1);
        for (long i = 0; i < count; i++) {
            long ts = firstMicros + Math.round(i * step);
            batch.add(event(i, ts, idBase));
            if (i % 10 == 5) {
                batch.add(new TestMetric(idBase + (1L << 40) + i, ts, "request_duration", (i * 37) % 500 + (i % 3) / 4.0, "ms")
                        .tag("route", "/api/orders/" + (i % 4)));
            }
            if (batch.size() >= BATCH) {
                writer.write(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            writer.write(batch);
        }
    }

    static TestEvent event(long i, long ts, long idBase) {
        Level level = level(i);
        String logger = LOGGERS[(int) (i % LOGGERS.length)];
        TestEvent e = TestEvent.event().id(EventId.high(ts / 1_000), idBase + i).timestampMicros(ts).level(level).logger(logger)
                .thread(thread(i), 20 + i % 8).field("user_id", i % 50).field("route", "/api/orders/" + (i % 4))
                .field("trace_id", "t-" + Long.toHexString(i / 4)).context("correlation_id", "req-" + (i / 3)).context("tenant", "t" + (i % 5));
        if (level == Level.ERROR) {
            e.message("order " + i + " failed: card declined");
            if (i % 200 == 0) {
                e.throwable(new IllegalStateException("payment provider answered 502 for order " + i,
                        new java.io.IOException("connection reset by peer")));
            }
        } else if (level == Level.WARN) {
            e.message("pool nearly full: " + (i % 20) + " of 20 connections busy");
        } else {
            e.message("GET /api/orders/" + (i % 1000) + " 200 in " + (i * 37) % 500 + " ms");
        }
        return e;
    }
}
