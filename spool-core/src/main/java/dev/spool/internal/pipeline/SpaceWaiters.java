package dev.spool.internal.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Producers parked because the queue is full, so the writer can wake them when it frees space instead
 * of each one polling. A fixed table, no allocation: a producer that finds no free entry parks for a
 * short fixed time instead (it still makes progress, just less promptly).
 *
 * <p>No wake-up is lost: a producer registers (a CAS, a full fence), then re-reads the consumed position
 * before parking ({@link Ring#stillFull(long)}); the writer publishes the consumed position (volatile write,
 * {@link Ring#free}), then reads the count. Whichever comes second sees the other.
 */
final class SpaceWaiters {

    private static final int ENTRIES = 64;
    private static final int WAKE_AT_MOST = 8; // a freed chunk is taken by a few producers; waking all is a herd

    private final AtomicReferenceArray<Thread> entries = new AtomicReferenceArray<>(ENTRIES);
    private final AtomicInteger count = new AtomicInteger();
    private int nextToWake; // writer only

    /** Registers the calling thread; returns its entry, or -1 if the table is full. */
    int register() {
        Thread me = Thread.currentThread();
        int start = (int) (me.getId() % ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            int e = (start + i) % ENTRIES;
            if (entries.get(e) == null && entries.compareAndSet(e, null, me)) {
                count.incrementAndGet();
                return e;
            }
        }
        return -1;
    }

    void unregister(int entry) {
        if (entry >= 0) {
            entries.set(entry, null);
            count.decrementAndGet();
        }
    }

    /** Wakes a few waiting producers, in turn; returns how many. Called by the writer after it frees space. */
    int wakeSome() {
        if (count.get() == 0) {
            return 0;
        }
        int woken = 0;
        for (int i = 0; i < ENTRIES && woken < WAKE_AT_MOST; i++) {
            int e = nextToWake;
            nextToWake = (e + 1) % ENTRIES;
            Thread t = entries.get(e);
            if (t != null) {
                LockSupport.unpark(t);
                woken++;
            }
        }
        return woken;
    }
}
