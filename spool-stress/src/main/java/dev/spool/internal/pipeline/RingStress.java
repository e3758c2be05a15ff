package dev.spool.internal.pipeline;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The real {@link Ring}'s claim: {@link Ring#tryClaim()} (the CAS on the cursor, with the cached consumed
 * position in front of it) against other producers and against the writer freeing a slot.
 */
public final class RingStress {

    private RingStress() {
    }

    /** Two producers claiming at once from a ring with room: each gets its own sequence, none is lost. */
    @JCStressTest
    @Description("Ring.tryClaim: two racing producers never get the same sequence")
    @Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "each producer owns one slot")
    @Outcome(expect = FORBIDDEN, desc = "two producers share a slot, or a claim was lost")
    @State
    public static class ClaimIsExclusive {
        private final Ring ring = new Ring(4);

        @Actor
        public void producer1(JJJ_Result r) {
            r.r1 = ring.tryClaim();
        }

        @Actor
        public void producer2(JJJ_Result r) {
            r.r2 = ring.tryClaim();
        }

        @Arbiter
        public void end(JJJ_Result r) {
            r.r3 = ring.claimed();
        }
    }

    /**
     * A full ring of one slot: the writer clears the slot it wrote ({@link Slot#release()}, plain writes)
     * and frees it ({@link Ring#free}); a producer whose claim succeeds fills the slot of the next lap.
     * The writer's clearing must never land on top of the producer's new event, and a producer must not
     * claim before the slot is free.
     */
    @JCStressTest
    @Description("Ring.free hands a slot back only after the writer's plain clearing writes")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "producer found the ring full and left the slot alone")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "producer claimed the freed slot and its event survived")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the writer's late clearing erased the new event")
    @Outcome(expect = FORBIDDEN, desc = "the writer's clearing did not happen, or a claim overran the writer")
    @State
    public static class FreedSlotIsSafeToReuse {
        private static final Throwable OLD = new IllegalStateException("written last lap");
        private static final Throwable NEW = new IllegalStateException("filled this lap");

        private final Ring ring = new Ring(1);

        public FreedSlotIsSafeToReuse() {
            long first = ring.tryClaim();
            ring.slot(first).throwable(OLD);
            ring.publish(ring.slot(first), first);
        }

        @Actor
        public void writer() {
            ring.slot(0).release();
            ring.free(1);
        }

        @Actor
        public void producer(II_Result r) {
            long seq = ring.tryClaim();
            if (seq == 1) {
                ring.slot(seq).throwable(NEW);
                r.r1 = 1;
            } else if (seq != Ring.FULL) {
                r.r1 = 2;
            }
        }

        @Arbiter
        public void end(II_Result r) {
            Throwable t = ring.slot(0).throwable();
            r.r2 = t == NEW ? 1 : t == null ? 0 : 2;
        }
    }
}
