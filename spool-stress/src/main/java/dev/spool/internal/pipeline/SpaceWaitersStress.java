package dev.spool.internal.pipeline;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A producer blocked on a full {@link Ring} against the writer freeing space, with the real
 * {@link SpaceWaiters}: the producer registers and re-checks with {@link Ring#stillFull(long)}, as
 * {@link Ring#awaitSpace} does before parking; the writer frees the slot ({@link Ring#free}) and then
 * calls {@link Ring#wakeProducers()}, which reads the waiter count and the table and unparks whom it
 * finds. Its return value (how many it woke) is what r2 records; the unpark leaves a harmless permit.
 *
 * <p>r1 = 1: the producer saw the freed space (it does not park). r2 = 1: the writer found the
 * producer's entry and woke it.
 */
@JCStressTest
@Description("SpaceWaiters register + Ring.stillFull vs Ring.free + wakeProducers: no lost wake-up")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "producer registered first; the writer wakes it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "space freed first; the producer sees it and does not park")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other: a harmless extra unpark")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: producer parks, the writer wakes no one")
@State
public class SpaceWaitersStress {

    private final Ring ring = new Ring(1);

    public SpaceWaitersStress() {
        ring.publish(ring.slot(ring.tryClaim()), 0); // the one slot is taken: the ring is full
    }

    @Actor
    public void producer(II_Result r) {
        ring.spaceWaiters.register();
        r.r1 = ring.stillFull(1) ? 0 : 1; // the re-check before parking (the claim at 1 failed); 0: it would park
    }

    @Actor
    public void writer(II_Result r) {
        ring.free(1);
        r.r2 = ring.wakeProducers() > 0 ? 1 : 0;
    }
}
