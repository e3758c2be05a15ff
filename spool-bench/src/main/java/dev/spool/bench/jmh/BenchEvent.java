package dev.spool.bench.jmh;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.format.TextFormat;
import dev.spool.spi.LogEvent;

import java.util.Objects;

/**
 * An event like the ones the end-to-end benchmark logs, for the format benchmarks; only its time moves,
 * by {@link #tick()}. Used by one thread. {@link #withKeyValues} is the {@code kv} shape's event: its
 * message and the fields {@code user=alice attempt=3}.
 */
final class BenchEvent implements LogEvent {

    private static final Resource RESOURCE = new Resource("bench", "bench-host", 4242);

    /** The bench's text pattern with {@code %kv} after the message, for {@link #withKeyValues}'s events. */
    static final String KV_PATTERN = TextFormat.DEFAULT.replace("%m%n", "%m%kv%n");

    private static final String[] KEYS = {"user", "attempt"};
    private static final Object[] VALUES = {"alice", 3};

    private long timestampMicros;
    private final CharSequence message;
    private final int fieldCount;

    BenchEvent(long timestampMicros) {
        this(timestampMicros, "Thread 3 log 123456 value=42", 0);
    }

    private BenchEvent(long timestampMicros, CharSequence message, int fieldCount) {
        this.timestampMicros = timestampMicros;
        this.message = message;
        this.fieldCount = fieldCount;
    }

    static BenchEvent withKeyValues(long timestampMicros) {
        return new BenchEvent(timestampMicros, "Thread 3 log 123456", KEYS.length);
    }

    /** Moves the event one millisecond later and returns it. */
    BenchEvent tick() {
        timestampMicros += 1000;
        return this;
    }

    @Override public long idHigh() { return 0x0190_0000_0000_0001L; }
    @Override public long idLow() { return 0x0000_0000_0001_0002L; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public Level level() { return Level.INFO; }
    @Override public String logger() { return "bench.Producer"; }
    @Override public String threadName() { return "bench-producer-3"; }
    @Override public long threadId() { return 31; }
    @Override public CharSequence message() { return message; }
    @Override public int fieldCount() { return fieldCount; }
    @Override public String fieldKey(int index) { return KEYS[Objects.checkIndex(index, fieldCount)]; }
    @Override public Object fieldValue(int index) { return VALUES[Objects.checkIndex(index, fieldCount)]; }
    @Override public ContextMap context() { return ContextMap.EMPTY; }
    @Override public Throwable throwable() { return null; }
    @Override public Resource resource() { return RESOURCE; }
}
