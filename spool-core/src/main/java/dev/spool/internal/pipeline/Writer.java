package dev.spool.internal.pipeline;

import dev.spool.EventId;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything that touches destinations, under one lock: the writer thread takes a batch at a time from
 * the ring, writes each event to its route's destinations, flushes once per batch and frees the slots;
 * a caller on the {@code sync-fallback} path takes the same lock to write its own event after what is
 * queued. Destinations therefore need no locks of their own.
 */
final class Writer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Ring ring;
    private final Destinations destinations;
    private final FlushWaiters flushWaiters;
    private volatile long batches;
    private volatile long syncWritten;
    private volatile long timeoutDropped;
    private final IdBlock ids = new IdBlock(); // guarded by lock
    private Ledgers ledgers; // null when ledgers are off; set before the writer thread starts

    Writer(Ring ring, Destinations destinations, FlushWaiters flushWaiters) {
        this.ring = ring;
        this.destinations = destinations;
        this.flushWaiters = flushWaiters;
    }

    /** Writes up to {@code limit} queued events as one batch; returns how many. */
    int drain(int limit) {
        lock.lock();
        try {
            return drainLocked(limit);
        } finally {
            lock.unlock();
        }
    }

    private int drainLocked(int limit) {
        long next = ring.consumed();
        ring.noteDepth(ring.claimed() - next);
        int taken = 0;
        Slot slot;
        while (taken < limit && (slot = ring.published(next)) != null) {
            write(slot);
            slot.release();
            next++;
            taken++;
            if ((taken & 127) == 0) {
                ring.free(next); // free space early so blocked producers move while the batch goes on
                ring.noteDepth(ring.claimed() - next);
                if ((taken & 511) == 0) {
                    ring.wakeProducers();
                }
            }
        }
        if (taken > 0) {
            ring.free(next);
            ring.wakeProducers();
            destinations.flushIfNeeded();
            batches = batches + 1;
            flushWaiters.flushedUpTo(next);
        }
        return taken;
    }

    /**
     * Writes {@code own} on the calling thread. Every sequence claimed before now, this thread's own
     * queued events among them, is written first, so per-thread order holds. A slot claimed by another
     * thread but not yet published is a gap to wait for (its producer fills it without any lock), not a
     * place to stop.
     */
    void writeOnCaller(Slot own) {
        long claimedBefore = ring.claimed();
        lock.lock();
        try {
            while (ring.consumed() < claimedBefore) {
                if (drainLocked(Integer.MAX_VALUE) == 0) {
                    Thread.yield();
                }
            }
            write(own);
            own.release();
            own.throwable(null);
            syncWritten = syncWritten + 1;
            destinations.flushIfNeeded();
        } finally {
            lock.unlock();
        }
    }

    private void write(Slot event) {
        if (!event.hasId) {
            event.idHigh = EventId.high(event.timestampMicros / 1_000);
            event.idLow = EventId.low(ids.next());
        }
        event.route.dispatch(event);
    }

    void ledgers(Ledgers l) {
        this.ledgers = l;
    }

    /** Writes the periodic ledgers when they are due (on the writer thread, between batches). */
    void ledgersIfDue(long nowNanos) {
        if (ledgers != null && ledgers.due(nowNanos)) {
            lock.lock();
            try {
                emitLedgers(false);
                destinations.flushIfNeeded();
            } finally {
                lock.unlock();
            }
        }
    }

    private void emitLedgers(boolean last) {
        ledgers.emit(destinations, ids.last(), timeoutDropped, last);
    }

    /** Whether the calling thread is the one writing (it must never wait for space only it can free). */
    boolean isWriting() {
        return lock.isHeldByCurrentThread();
    }

    boolean anyBacklog() {
        return destinations.anyBacklog();
    }

    /** A destination holding undelivered data is retried whenever the writer wakes. */
    void retryBacklogs() {
        if (destinations.anyBacklog()) {
            lock.lock();
            try {
                destinations.flushIfNeeded();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The writer's last act: counts what is still queued as not written, closes the destinations. */
    void finish() {
        lock.lock();
        try {
            long end = ring.claimed();
            long left = end - ring.consumed();
            if (left > 0) {
                timeoutDropped = left; // written before consumed moves, so stats never count them twice
                ring.free(end);
            }
            if (ledgers != null) {
                emitLedgers(true);
                destinations.flushIfNeeded();
            }
            destinations.closeAll();
        } finally {
            lock.unlock();
            flushWaiters.finish();
        }
    }

    /**
     * Takes the lock for a stats reader, waiting at most {@code timeout} (a stuck destination must not
     * stall stats); returns whether it got it.
     */
    boolean lockForStats(Duration timeout) {
        try {
            return lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void unlock() {
        lock.unlock();
    }

    long batches() {
        return batches;
    }

    long syncWritten() {
        return syncWritten;
    }

    long timeoutDropped() {
        return timeoutDropped;
    }
}
