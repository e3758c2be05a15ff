package dev.spool.internal.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded queue: a ring of pre-allocated {@link Slot}s, the producers' claim cursor and the writer's
 * consumed position, and the two waits around them (producers for space, the writer for events).
 *
 * <p>Producers {@link #tryClaim()} a sequence (a CAS on {@code cursor}), fill its slot and
 * {@link #publish} it; the one writer reads {@link #published} slots in order and {@link #free}s them
 * by moving {@code consumed}. {@link #close()} sets the cursor's top bit, so a claim after it fails and
 * the claimed count survives in the other bits.
 */
final class Ring {

    /** {@link #tryClaim()}: no free slot. */
    static final long FULL = -1;
    /** {@link #tryClaim()}: the ring is closed. */
    static final long CLOSED = -2;

    private static final long CLOSED_BIT = Long.MIN_VALUE;
    private static final long MAX_SPACE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);  // a safety net only
    private static final long UNREGISTERED_SPACE_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Slot[] slots;
    private final int mask;
    private final int capacity;
    private final long sampleMask;
    private final Sequence cursor = new Sequence(0);   // next sequence to claim; CLOSED_BIT once closed
    private final Sequence consumed = new Sequence(0); // next sequence the writer will take
    // The producers' last look at consumed: written by any producer that finds the ring full, so it gets a
    // line of its own; beside the read-mostly fields the writer reads per event it would slow the writer.
    private final Sequence consumedCache = new Sequence(0);
    final SpaceWaiters spaceWaiters = new SpaceWaiters();
    private volatile boolean writerParked;
    private volatile Thread writer;
    private final AtomicLong maxDepth = new AtomicLong();
    /**
     * The slots' throwables, one array for the ring rather than a field per slot: storing a reference into
     * an old object dirties its 512-byte GC card, and G1's refinement threads then scan the card. With a
     * field per slot a card covered 3-4 slots, so nearly every event with a throwable dirtied a card that
     * had been cleaned since its last lap; here a card covers 128 slots' entries, and the stores of the next
     * 127 events find it dirty already (docs/decisions/throwable-cards.md). Cleared by {@link #free} for
     * the slots it frees.
     */
    private final Throwable[] thrown;

    /** @param capacity a power of two */
    Ring(int capacity) {
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new Slot[capacity];
        this.thrown = new Throwable[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Slot(thrown, i);
        }
        this.sampleMask = Math.max(1, capacity / 8) - 1; // look at the depth 8 times per lap of the ring
    }

    /** The thread {@link #wakeWriter()} unparks; set before the first event can be published. */
    void attachWriter(Thread thread) {
        writer = thread;
    }

    // ---------------------------------------------------------------- producers

    /** Claims the next sequence: its slot is the caller's until it publishes it. Never waits. */
    long tryClaim() {
        while (true) {
            long current = cursor.get();
            if (current < 0) {
                return CLOSED;
            }
            if (current - capacity >= consumedCache.get()) {
                long freed = consumed.get();
                consumedCache.set(freed);
                if (current - capacity >= freed) {
                    noteDepth(capacity); // a volatile write only the first time: producers spin here
                    return FULL;
                }
            }
            if (cursor.compareAndSet(current, current + 1)) {
                return current;
            }
        }
    }

    Slot slot(long sequence) {
        return slots[(int) sequence & mask];
    }

    /**
     * Publishes a filled slot: the volatile write of its sequence (see {@link Slot}), then the read of the
     * writer's parked flag, a store-then-load that pairs with {@link #announcePark}. The producer that
     * unparks the writer clears the flag first, so the events published before the woken writer runs again do
     * not each unpark it again: each unpark takes a lock in the JVM, and there were 64,773 of them in a
     * 6M-event run with one producer, against 136 now (docs/decisions/writer-lag.md, "One wake per park").
     * Producers racing on the flag may both unpark; a second unpark of a running thread is harmless.
     *
     * @return whether the writer had announced it parks and was unparked
     */
    boolean publish(Slot slot, long sequence) {
        slot.sequence = sequence;
        if (writerParked) {
            writerParked = false;
            LockSupport.unpark(writer);
            return true;
        }
        return false;
    }

    /**
     * Publishes a filled slot (the same volatile write as {@link #publish}) without looking at the
     * writer's parked flag: a parked writer sees it when something else wakes it (a flush, a full ring,
     * its park timeout), and a running one in its next drain.
     */
    void publishWithoutWaking(Slot slot, long sequence) {
        slot.sequence = sequence;
    }

    /**
     * A producer's wait for a slot: spin briefly, yield a little, then park until the writer frees
     * space (see {@link SpaceWaiters}). On 2 cores, producers that keep polling take the CPU the writer
     * needs to make room.
     *
     * @param claimAt the cursor the producer's failed claim saw ({@link #claimed()} right after it)
     */
    void awaitSpace(int attempts, long claimAt) {
        if (attempts == 0) {
            wakeWriter();
        }
        if (attempts < 32) {
            Thread.onSpinWait();
        } else if (attempts < 36) {
            Thread.yield();
        } else {
            int entry = spaceWaiters.register();
            try {
                if (stillFull(claimAt)) {
                    LockSupport.parkNanos(this, entry >= 0 ? MAX_SPACE_WAIT_NANOS : UNREGISTERED_SPACE_WAIT_NANOS);
                }
            } finally {
                spaceWaiters.unregister(entry);
            }
        }
    }

    /**
     * After registering as a space waiter: whether the slot a producer failed to claim at {@code claimAt}
     * is still not free and the ring is open, so parking is right. Whether that slot was freed, not whether
     * the ring has a free slot now: with many producers the slots the writer frees are claimed again at
     * once, and a producer that parked whenever the ring looked full would park (and the writer unpark it,
     * both system calls) about once per batch of freed slots, where this rule retries. It is the rule the
     * pipeline had before it was split into these classes (docs/decisions/house-cost.md).
     */
    boolean stillFull(long claimAt) {
        return cursor.get() >= 0 && claimAt - capacity >= consumed.get();
    }

    /**
     * The queue's depth as the claim of {@code sequence} left it, noted for {@link #maxDepth()}, at 8
     * claims a lap (one AND and compare for the others, which get -1). The writer notes the depth only
     * between its runs of 128 events, so a queue that fills while one write is slow is seen here.
     */
    long sampledDepth(long sequence) {
        if ((sequence & sampleMask) != 0) {
            return -1;
        }
        long depth = sequence + 1 - consumed.get();
        noteDepth(depth);
        return depth;
    }

    // ---------------------------------------------------------------- writer

    /** The slot of {@code sequence} if its producer published it, else null. */
    Slot published(long sequence) {
        Slot slot = slots[(int) sequence & mask];
        return slot.sequence == sequence ? slot : null;
    }

    /** Hands every slot before {@code next} back to the producers (the writer released them first). */
    void free(long next) {
        // The writer is done with these slots: their throwables are let go here, in one pass over a few cache
        // lines before the producers may fill them again, not slot by slot while producers write nearby.
        for (long s = consumed.get(); s < next; s++) {
            int i = (int) s & mask;
            if (thrown[i] != null) {
                thrown[i] = null;
            }
        }
        consumed.set(next);
    }

    /** Wakes a few producers waiting for space; returns how many. */
    int wakeProducers() {
        return spaceWaiters.wakeSome();
    }

    /**
     * The writer announces it is about to park, then re-checks slot {@code next}: the load after the
     * store that pairs with {@link #publish}, so either the producer sees the flag or this sees the event.
     *
     * @return true if the writer may park; false if the event arrived meanwhile
     */
    boolean announcePark(long next) {
        writerParked = true;
        return published(next) == null;
    }

    /** The writer is awake again (after {@link #announcePark}, whatever it returned). */
    void endPark() {
        writerParked = false;
    }

    void wakeWriter() {
        LockSupport.unpark(writer);
    }

    // ---------------------------------------------------------------- lifecycle and stats

    /** Makes every later claim fail; returns true for the call that closed the ring. */
    boolean close() {
        while (true) {
            long c = cursor.get();
            if (c < 0) {
                return false;
            }
            if (cursor.compareAndSet(c, c | CLOSED_BIT)) {
                return true;
            }
        }
    }

    boolean isClosed() {
        return cursor.get() < 0;
    }

    /** Sequences claimed so far; only grows. */
    long claimed() {
        return cursor.get() & ~CLOSED_BIT;
    }

    /** The next sequence the writer will take; everything before it was written or counted. */
    long consumed() {
        return consumed.get();
    }

    int capacity() {
        return capacity;
    }

    /** Raises the deepest depth seen; producers and the writer race here, and the larger value stays. */
    void noteDepth(long depth) {
        long seen;
        while (depth > (seen = maxDepth.get()) && !maxDepth.compareAndSet(seen, depth)) {
            Thread.onSpinWait();
        }
    }

    long maxDepth() {
        return Math.min(maxDepth.get(), capacity);
    }
}
