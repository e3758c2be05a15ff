package dev.spool.bench.store;

import dev.spool.Context;
import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.LogEvent;

/**
 * A reusable log event shaped like an application's request log: 8 loggers, 16 threads, two fields, a
 * correlation id and a message of about 50 characters that varies with the event's number.
 */
final class IngestEvent implements LogEvent {

    private static final String[] LOGGERS = {"app.http.server", "app.db.pool", "app.billing.invoice", "app.auth",
        "app.cache", "app.search.index", "app.mail", "app.queue.consumer"};
    private static final String[] THREADS = new String[16];
    private static final Level[] LEVELS = {Level.DEBUG, Level.INFO, Level.INFO, Level.INFO, Level.WARN, Level.ERROR};
    private static final Resource RESOURCE = new Resource("bench-service", "bench-host", 4242);
    private static final ContextMap CONTEXT = ContextMap.EMPTY.with(Context.CORRELATION_ID, "c-8f3a");
    private static final Long USER_ID = 42L;

    static {
        for (int i = 0; i < THREADS.length; i++) {
            THREADS[i] = "worker-" + i;
        }
    }

    private final StringBuilder message = new StringBuilder(64);
    private long number;
    private long timestampMicros;

    /** Makes this event number {@code n}, at {@code timestampMicros}. */
    IngestEvent set(long n, long timestampMicros) {
        this.number = n;
        this.timestampMicros = timestampMicros;
        message.setLength(0);
        message.append("request ").append(n).append(" handled in ").append(n % 977).append(" ms for tenant ")
                .append(n % 31);
        return this;
    }

    @Override public long idHigh() { return EventId.high(timestampMicros / 1_000); }
    @Override public long idLow() { return number + 1; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public Level level() { return LEVELS[(int) (number % LEVELS.length)]; }
    @Override public String logger() { return LOGGERS[(int) (number % LOGGERS.length)]; }
    @Override public String threadName() { return THREADS[(int) (number % THREADS.length)]; }
    @Override public long threadId() { return 100 + number % THREADS.length; }
    @Override public CharSequence message() { return message; }
    @Override public int fieldCount() { return 2; }
    @Override public String fieldKey(int index) { return index == 0 ? "user_id" : "route"; }
    @Override public Object fieldValue(int index) { return index == 0 ? USER_ID : "/api/orders"; }
    @Override public ContextMap context() { return CONTEXT; }
    @Override public Throwable throwable() { return null; }
    @Override public Resource resource() { return RESOURCE; }
}
