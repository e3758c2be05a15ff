package dev.spool.testkit;

import dev.spool.Level;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * A sink that keeps a copy of every event, can be held shut by a gate (to fill the queue on purpose),
 * and can be told to fail. Events are read by tests after {@code flush()} or shutdown.
 */
public final class CapturingSink implements Sink {

    /** A copy of one event. */
    public record Captured(String id, Level level, String logger, String thread, String message,
                           Map<String, Object> fields, Map<String, String> context, Throwable throwable,
                           long timestampMicros) {
    }

    private final List<Captured> events = new ArrayList<>();
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    private final CountDownLatch firstWrite = new CountDownLatch(1);
    private volatile RuntimeException failWith;
    private volatile int flushes;
    private volatile boolean closed;

    public SinkFactory factory() {
        return context -> this;
    }

    /** Makes the next writes wait until {@link #open()}. */
    public CapturingSink hold() {
        gate.drainPermits();
        return this;
    }

    /** Lets writes through again. */
    public void open() {
        gate.release(Integer.MAX_VALUE / 2);
    }

    /** Waits until the first write has started (it may now be held by the gate). */
    public void awaitFirstWrite() throws InterruptedException {
        firstWrite.await();
    }

    public void failWith(RuntimeException e) {
        failWith = e;
    }

    @Override
    public void write(LogEvent e) {
        firstWrite.countDown();
        gate.acquireUninterruptibly();
        gate.release();
        RuntimeException f = failWith;
        if (f != null) {
            throw f;
        }
        Map<String, Object> fields = new TreeMap<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            fields.put(e.fieldKey(i), e.fieldValue(i));
        }
        Captured c = new Captured(dev.spool.EventId.toString(e.idHigh(), e.idLow()), e.level(), e.logger(),
                e.threadName(), e.message().toString(), fields, e.context().toMap(), e.throwable(),
                e.timestampMicros());
        synchronized (events) {
            events.add(c);
        }
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }

    public List<Captured> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    public int flushes() {
        return flushes;
    }

    public boolean isClosed() {
        return closed;
    }
}
