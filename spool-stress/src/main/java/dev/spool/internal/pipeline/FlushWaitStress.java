package dev.spool.internal.pipeline;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code Pipeline.flush} against the writer finishing a batch. The flusher counts itself in
 * {@code flushWaiters} (an atomic increment, a full fence) and then reads {@code flushed} before
 * waiting on the monitor; the writer writes {@code flushed} (volatile) and then reads
 * {@code flushWaiters} to decide whether to notify. If both read stale values the flusher waits out its
 * whole timeout although its events were written.
 *
 * <p>What is real and what is a copy: both fields are private to a running {@link Pipeline}, so this is
 * a copy with the same declarations ({@code AtomicInteger flushWaiters}, {@code volatile long flushed})
 * and the statements of {@code flush} and {@code drainLocked} in order, minus the monitor wait/notify
 * whose effect r1/r2 record.
 *
 * <p>r1 = 1: the flusher saw the batch flushed (it returns at once); r2 = 1: the writer saw a waiter
 * (it notifies).
 */
@JCStressTest
@Description("flushWaiters increment + flushed read vs flushed write + flushWaiters read: no missed notify")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "batch flushed first: the flusher does not wait")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "flusher counted first: the writer notifies it")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw each other: a harmless notify")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "missed notify: the flusher waits out its timeout")
@State
public class FlushWaitStress {

    private static final long TARGET = 1;

    private final AtomicInteger flushWaiters = new AtomicInteger(); // as Pipeline.flushWaiters
    private volatile long flushed;                                  // as Pipeline.flushed

    @Actor
    public void flusher(II_Result r) {
        flushWaiters.incrementAndGet();
        r.r1 = flushed >= TARGET ? 1 : 0;     // the check before flushMonitor.wait
    }

    @Actor
    public void writer(II_Result r) {
        flushed = TARGET;
        r.r2 = flushWaiters.get() > 0 ? 1 : 0; // the check before flushMonitor.notifyAll
    }
}
