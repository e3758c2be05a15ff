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
 * The writer-parked handshake of the real {@link Ring}: {@link Ring#publish} (producer: write the slot's
 * sequence, then read the writer's parked flag to decide whether to unpark it) against
 * {@link Ring#announcePark} (writer: set the flag, then re-check the slot before parking). It is a
 * Dekker-style store-then-load on both sides, so it needs sequentially consistent (volatile) accesses:
 * release/acquire alone lets each side's load pass its own store, and then neither sees the other.
 * The ring has no writer thread attached, so the unpark is a no-op; its decision is what r1 records.
 *
 * <p>r1 = 1: the producer saw the writer parked (it unparks it); r2 = 1: the writer saw the event (it
 * does not park).
 */
public final class WakeupHandshakeStress {

    private WakeupHandshakeStress() {
    }

    @JCStressTest
    @Description("Ring.publish vs Ring.announcePark: a wake-up is never lost")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "writer announced first; producer unparks it")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "event published first; writer sees it and stays up")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other: a harmless extra unpark")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: writer parks on a published event")
    @State
    public static class NoLostWakeup {
        private final Ring ring = new Ring(1);
        private final long sequence = ring.tryClaim();

        @Actor
        public void producer(II_Result r) {
            r.r1 = ring.publish(ring.slot(sequence), sequence) ? 1 : 0;
        }

        @Actor
        public void writer(II_Result r) {
            r.r2 = ring.announcePark(sequence) ? 0 : 1; // false: the event is there, do not park
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
