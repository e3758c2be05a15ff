package dev.spool.internal.pipeline;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A producer blocked on a full queue against the writer freeing space: the producer registers in the
 * real {@link SpaceWaiters} and re-reads the real {@code consumed} {@link Sequence} (as
 * {@code Pipeline.waitForSpace} does before parking); the writer sets {@code consumed} and then does
 * what {@link SpaceWaiters#wakeSome()} does up to its unpark: read the count, then look for the waiting
 * thread in the table. Those two reads use the real private {@code count} and {@code entries} objects
 * (reached through {@link PrivateFields}), because {@code wakeSome}'s only effect, an unpark, is not
 * something a stress test can observe.
 *
 * <p>r1 = 1: the producer saw the freed space (it does not park). r2 = 0: the writer saw no waiter;
 * 1: it found the producer's entry (it unparks it); 2: the count said a waiter exists but the table
 * did not show it.
 */
@JCStressTest
@Description("SpaceWaiters register + re-check vs consumed.set + count read: no lost wake-up")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "producer registered first; the writer wakes it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "space freed first; the producer sees it and does not park")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other: a harmless extra unpark")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: producer parks, the writer thinks no one waits")
@Outcome(expect = FORBIDDEN, desc = "count published before the entry: the writer cannot find whom to wake")
@State
public class SpaceWaitersStress {

    private static final VarHandle COUNT = PrivateFields.instanceField(SpaceWaiters.class, "count", AtomicInteger.class);
    private static final VarHandle ENTRIES =
            PrivateFields.instanceField(SpaceWaiters.class, "entries", AtomicReferenceArray.class);

    private final SpaceWaiters waiters = new SpaceWaiters();
    private final Sequence consumed = new Sequence(0);
    private final AtomicInteger count = (AtomicInteger) COUNT.get(waiters);
    @SuppressWarnings("unchecked") // the field is declared AtomicReferenceArray<Thread>
    private final AtomicReferenceArray<Thread> entries = (AtomicReferenceArray<Thread>) ENTRIES.get(waiters);

    @Actor
    public void producer(II_Result r) {
        waiters.register();
        r.r1 = consumed.get() == 1 ? 1 : 0; // the re-check before parking; 0 means it would park
    }

    @Actor
    public void writer(II_Result r) {
        consumed.set(1);
        if (count.get() == 0) { // wakeSome's early return
            r.r2 = 0;
            return;
        }
        r.r2 = 2;
        for (int e = 0; e < entries.length(); e++) {
            if (entries.get(e) != null) {
                r.r2 = 1;
                return;
            }
        }
    }
}
