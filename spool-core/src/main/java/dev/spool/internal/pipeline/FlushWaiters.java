package dev.spool.internal.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Callers of {@code flush} waiting for the writer to have written and flushed up to a sequence.
 *
 * <p>No notify is missed: a flusher counts itself in {@code waiting} (an atomic increment, a full fence)
 * and then reads {@code flushed}; the writer writes {@code flushed} (volatile) and then reads
 * {@code waiting} to decide whether to notify. Whichever comes second sees the other. The writer pays for
 * the monitor only when someone waits.
 */
final class FlushWaiters {

    private final AtomicInteger waiting = new AtomicInteger();
    private final Object monitor = new Object();
    private volatile long flushed;
    private volatile boolean finished;

    /** Whether every sequence before {@code target} has been flushed. */
    boolean reached(long target) {
        return flushed >= target;
    }

    /**
     * Waits until the writer has flushed every sequence before {@code target}.
     *
     * @return true if it did within {@code timeout}; false on timeout, interrupt (the flag is restored)
     *         or when the writer finished first
     */
    boolean await(long target, Duration timeout) {
        if (flushed >= target) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        enter();
        try {
            synchronized (monitor) {
                while (flushed < target && !finished) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
            return flushed >= target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Counts the caller as waiting: before its read of {@code flushed}, see the class comment. */
    void enter() {
        waiting.incrementAndGet();
    }

    /** Writer, after a batch was flushed: everything before {@code next} is out. Returns whether it notified. */
    boolean flushedUpTo(long next) {
        flushed = next;
        if (waiting.get() > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
            return true;
        }
        return false;
    }

    /** Writer, at its end: releases every waiter, whether or not its events were written. */
    void finish() {
        finished = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
