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
 * The real {@link FlushWaiters}: a flusher against the writer finishing a batch. The flusher counts
 * itself ({@link FlushWaiters#enter()}, an atomic increment, a full fence) and then reads the flushed
 * position ({@link FlushWaiters#reached}), as {@code await} does before waiting on the monitor; the
 * writer's {@link FlushWaiters#flushedUpTo} writes the position (volatile) and then reads the waiter count
 * to decide whether to notify. If both read stale values the flusher waits out its whole timeout
 * although its events were written. The monitor wait itself is left out: its effect is what r1/r2 record.
 *
 * <p>r1 = 1: the flusher saw the batch flushed (it returns at once); r2 = 1: the writer saw a waiter
 * (it notifies).
 */
@JCStressTest
@Description("FlushWaiters enter + reached vs flushedUpTo: no missed notify")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "batch flushed first: the flusher does not wait")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "flusher counted first: the writer notifies it")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other: a harmless notify")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "missed notify: the flusher waits out its timeout")
@State
public class FlushWaitStress {

    private static final long TARGET = 1;

    private final FlushWaiters waiters = new FlushWaiters();

    @Actor
    public void flusher(II_Result r) {
        waiters.enter();
        r.r1 = waiters.reached(TARGET) ? 1 : 0;            // the check before the monitor wait
    }

    @Actor
    public void writer(II_Result r) {
        r.r2 = waiters.flushedUpTo(TARGET) ? 1 : 0;        // true when it saw a waiter and notified
    }
}
