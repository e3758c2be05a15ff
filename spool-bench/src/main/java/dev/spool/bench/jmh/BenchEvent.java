package dev.spool.bench.jmh;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.LogEvent;

/**
 * An event like the ones the end-to-end benchmark logs, for the format benchmarks; only its time moves,
 * by {@link #tick()}. Used by one thread.
 */
final class BenchEvent implements LogEvent {

    private static final Resource RESOURCE = new Resource("bench", "bench-host", 4242);

    private long timestampMicros;

    BenchEvent(long timestampMicros) {
        this.timestampMicros = timestampMicros;
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
    @Override public CharSequence message() { return "Thread 3 log 123456 value=42"; }
    @Override public int fieldCount() { return 0; }
    @Override public String fieldKey(int index) { throw new IndexOutOfBoundsException(index); }
    @Override public Object fieldValue(int index) { throw new IndexOutOfBoundsException(index); }
    @Override public ContextMap context() { return ContextMap.EMPTY; }
    @Override public Throwable throwable() { return null; }
    @Override public Resource resource() { return RESOURCE; }
}
