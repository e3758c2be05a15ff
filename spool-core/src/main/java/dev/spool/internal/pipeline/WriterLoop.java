package dev.spool.internal.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer thread's loop: write a batch, recalibrate the clock once a second, and when the ring is
 * empty spin briefly, then park until a producer publishes (or a timeout, to retry destinations with a
 * backlog). After {@link #stopAccepting} it drains what is queued until the deadline, then finishes.
 */
final class WriterLoop implements Runnable {

    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BACKLOG_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long CLOSING_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int IDLE_SPINS = 100;
    // A batch this small means the writer has caught up with the producers (docs/decisions/writer-lag.md).
    private static final int NAP_BELOW = 256;
    private static final long NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final Ring ring;
    private final Writer writer;
    private final int maxBatch;
    private final int napBelow; // 0: never nap (a ring too small to fill up while the writer naps)
    private volatile long deadlineNanos; // written before the ring closes; read once the writer sees it closed

    WriterLoop(Ring ring, Writer writer, int maxBatch) {
        this.ring = ring;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.napBelow = ring.capacity() >= 4 * NAP_BELOW ? Math.min(NAP_BELOW, maxBatch) : 0;
    }

    /**
     * Whether the writer naps after a batch of {@code taken} events: when it was small (the writer has caught
     * up with the producers) and the ring is not closing. Without the nap, a writer that keeps up reads each
     * slot just after its producer wrote it, and the lines of that slot and its neighbours then travel
     * between the two cores while the producer is still writing them: measured, the producer's CPU per
     * event rose by 11-16% when the writer kept up (decisions/writer-cut.md). After a nap of 20 µs (plus
     * the timer's slack) the next batch reads slots written a while ago, in one pass. Events wait that much
     * longer to be written; the caller waits no longer. A full batch, a ring of under 1,024 slots, or a
     * closing one: no nap.
     */
    boolean napsAfter(int taken) {
        return taken < napBelow && !ring.isClosed();
    }

    /**
     * Closes the ring and gives the writer {@code drainTimeout} to write what is queued. Returns true for
     * the call that closed it.
     */
    boolean stopAccepting(Duration drainTimeout) {
        boolean closed = false;
        if (!ring.isClosed()) {
            deadlineNanos = System.nanoTime() + drainTimeout.toNanos();
            closed = ring.close();
        }
        ring.wakeWriter();
        return closed;
    }

    @Override
    public void run() {
        long lastHousekeeping = System.nanoTime();
        while (true) {
            int taken = writer.drain(maxBatch);
            long now = System.nanoTime();
            if (now - lastHousekeeping > HOUSEKEEPING_NANOS) {
                WallClock.recalibrate();
                writer.retryBacklogs();
                lastHousekeeping = now;
            }
            writer.ledgersIfDue(now);
            if (taken > 0) {
                if (napsAfter(taken)) {
                    LockSupport.parkNanos(this, NAP_NANOS); // a flush or shutdown unparks it at once
                }
                continue;
            }
            boolean closing = ring.isClosed();
            if (closing && (ring.consumed() >= ring.claimed() || now - deadlineNanos > 0)) {
                break;
            }
            idle(closing);
            writer.retryBacklogs();
        }
        writer.finish();
    }

    private void idle(boolean closing) {
        long next = ring.consumed();
        for (int i = 0; i < IDLE_SPINS; i++) {
            if (ring.published(next) != null) {
                return;
            }
            Thread.onSpinWait();
        }
        if (ring.announcePark(next)) { // a producer publishing from now on will unpark us
            LockSupport.parkNanos(this, closing ? CLOSING_PARK_NANOS : writer.anyBacklog() ? BACKLOG_PARK_NANOS : IDLE_PARK_NANOS);
        }
        ring.endPark();
    }
}
