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
 * The real {@link Sequence}: the producers' claim (a CAS on the cursor) and the writer's release of
 * consumed slots (plain writes, then a volatile {@link Sequence#set}). {@link RingStress} drives the
 * same protocols through the {@link Ring} that uses them.
 */
public final class SequenceStress {

    private SequenceStress() {
    }

    /** Two producers racing the CAS loop {@link Ring#tryClaim()} is built on: each gets its own sequence. */
    @JCStressTest
    @Description("Sequence CAS claim: two racing producers never get the same sequence, none is lost")
    @Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "each producer owns one slot")
    @Outcome(expect = FORBIDDEN, desc = "two producers share a slot, or a claim was lost")
    @State
    public static class ClaimIsExclusive {
        private final Sequence cursor = new Sequence(0);

        @Actor
        public void producer1(JJJ_Result r) {
            r.r1 = claim();
        }

        @Actor
        public void producer2(JJJ_Result r) {
            r.r2 = claim();
        }

        @Arbiter
        public void end(JJJ_Result r) {
            r.r3 = cursor.get();
        }

        private long claim() {
            while (true) {
                long current = cursor.get();
                if (cursor.compareAndSet(current, current + 1)) {
                    return current;
                }
            }
        }
    }

    /**
     * The writer clears a slot it has written ({@link Slot#release()}, plain writes) and then frees it
     * with {@code consumed.set}; a producer that sees the space fills the slot. The writer's clearing
     * must never land on top of the producer's new event.
     */
    @JCStressTest
    @Description("Sequence.set frees a slot only after the writer's plain clearing writes")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "producer saw no space and left the slot alone")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "producer saw the space and its event survived")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the writer's late clearing erased the new event")
    @Outcome(expect = FORBIDDEN, desc = "the writer's clearing did not happen at all")
    @State
    public static class FreedSlotIsSafeToReuse {
        private static final Throwable OLD = new IllegalStateException("written last lap");
        private static final Throwable NEW = new IllegalStateException("filled this lap");

        private final Sequence consumed = new Sequence(0);
        private final Slot slot = new Slot();

        public FreedSlotIsSafeToReuse() {
            slot.throwable(OLD);
        }

        @Actor
        public void writer() {
            slot.release();
            slot.throwable(null); // the plain clearing write (a ring's slots have theirs in Ring.free)
            consumed.set(1);
        }

        @Actor
        public void producer(II_Result r) {
            if (consumed.get() == 1) {
                slot.throwable(NEW);
                r.r1 = 1;
            }
        }

        @Arbiter
        public void end(II_Result r) {
            Throwable t = slot.throwable();
            r.r2 = t == NEW ? 1 : t == null ? 0 : 2;
        }
    }
}
