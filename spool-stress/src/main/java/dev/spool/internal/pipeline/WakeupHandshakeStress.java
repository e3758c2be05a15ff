package dev.spool.internal.pipeline;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The writer-parked handshake between {@code Pipeline.commit} (producer: publish the slot, then read
 * {@code writerParked} to decide whether to unpark the writer) and {@code Pipeline.idle} (writer: set
 * {@code writerParked}, then re-check the slot before parking). It is a Dekker-style store-then-load on
 * both sides, so it needs sequentially consistent (volatile) accesses: release/acquire alone lets each
 * side's load pass its own store, and then neither sees the other.
 *
 * <p>What is real and what is a copy: the slot and its publish are the real {@link Slot#sequence};
 * {@code writerParked} is a private field of a running {@link Pipeline} (a writer thread, a ring, open
 * destinations), too heavy to build per jcstress iteration, so the flag here is a copy with the same
 * declaration ({@code volatile boolean}) and the two actors repeat the two methods' statements in order,
 * minus the park/unpark calls whose effect is what r1/r2 record.
 *
 * <p>r1 = 1: the producer saw the writer parked (it unparks it); r2 = 1: the writer saw the event (it
 * does not park).
 */
public final class WakeupHandshakeStress {

    private WakeupHandshakeStress() {
    }

    @JCStressTest
    @Description("Publish-then-check vs park-flag-then-recheck: a wake-up is never lost")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "writer announced first; producer unparks it")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "event published first; writer sees it and stays up")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other: a harmless extra unpark")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: writer parks on a published event")
    @State
    public static class NoLostWakeup {
        private final Slot slot = new Slot();
        private volatile boolean writerParked; // as Pipeline.writerParked

        @Actor
        public void producer(II_Result r) {
            slot.sequence = 0;                 // Pipeline.commit: publish
            r.r1 = writerParked ? 1 : 0;       // then: if (writerParked) unpark(writer)
        }

        @Actor
        public void writer(II_Result r) {
            writerParked = true;               // Pipeline.idle: announce
            r.r2 = slot.sequence == 0 ? 1 : 0; // then: park only if the slot is still unpublished
        }
    }

    /**
     * DEMONSTRATION, not a check of Spool: the same handshake with release stores and acquire loads.
     * On x86 a store waits in the store buffer while the next load runs, so "0, 0" (a lost wake-up)
     * shows up within seconds; this is why Spool uses volatile for both the sequence and the flag.
     */
    @JCStressTest
    @Description("DEMONSTRATION: the handshake with release/acquire only loses wake-ups")
    @Outcome(id = {"1, 0", "0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "at least one side saw the other")
    @Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "the bug: a lost wake-up")
    @State
    public static class BrokenReleaseAcquire {
        private static final VarHandle SEQUENCE;
        private static final VarHandle PARKED;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                SEQUENCE = lookup.findVarHandle(BrokenReleaseAcquire.class, "sequence", long.class);
                PARKED = lookup.findVarHandle(BrokenReleaseAcquire.class, "writerParked", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private long sequence = -1;
        private boolean writerParked;

        @Actor
        public void producer(II_Result r) {
            SEQUENCE.setRelease(this, 0L);
            r.r1 = (boolean) PARKED.getAcquire(this) ? 1 : 0;
        }

        @Actor
        public void writer(II_Result r) {
            PARKED.setRelease(this, true);
            r.r2 = (long) SEQUENCE.getAcquire(this) == 0 ? 1 : 0;
        }
    }
}
