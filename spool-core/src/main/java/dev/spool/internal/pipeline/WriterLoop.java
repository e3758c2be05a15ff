package dev.spool.internal.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer thread's loop: write a batch, recalibrate the clock once a second, and when the ring is
 * empty spin briefly, then doze (a short timed park producers leave alone unless the queue gets deep), and
 * if nothing came during the doze, park until a producer publishes (or a timeout, to retry destinations
 * with a backlog). After {@link #stopAccepting} it drains what is queued until the deadline, then finishes.
 *
 * <p>The doze is for callers' latency at moderate rates: parked until unparked, the writer would be woken
 * by a system call on a caller's thread for nearly every event and would compete with the callers for the
 * CPU once per event; dozing, it wakes at most once per doze and takes what came meanwhile as one batch
 * (docs/decisions/latency-tail.md). An event waits at most a doze longer to be written. The writer dozes
 * only while events come at least once per doze; at lower rates it parks until unparked, as a doze per
 * event would cost more than the unpark it saves.
 */
final class WriterLoop implements Runnable {

    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BACKLOG_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long CLOSING_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long DOZE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final int IDLE_SPINS = 100;

    private final Ring ring;
    private final Writer writer;
    private final int maxBatch;
    private volatile long deadlineNanos; // written before the ring closes; read once the writer sees it closed
    private boolean dozing; // the writer thread's own: whether events came often enough to doze between them

    WriterLoop(Ring ring, Writer writer, int maxBatch) {
        this.ring = ring;
        this.writer = writer;
        this.maxBatch = maxBatch;
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
        if (dozing && !closing) {
            if (ring.announceDoze(next)) {
                LockSupport.parkNanos(this, DOZE_NANOS);
            }
            ring.endPark();
            if (ring.published(next) != null) {
                return; // events came while it dozed: it keeps dozing between batches while they come
            }
        }
        long parkedAt = System.nanoTime();
        if (ring.announcePark(next)) { // a producer publishing from now on will unpark us
            LockSupport.parkNanos(this, closing ? CLOSING_PARK_NANOS : writer.anyBacklog() ? BACKLOG_PARK_NANOS : IDLE_PARK_NANOS);
        }
        ring.endPark();
        // Doze next time only if an event came within a doze's time: below about one event per doze, a doze
        // would add a timed wake-up per event to the unpark it was meant to save.
        dozing = System.nanoTime() - parkedAt < DOZE_NANOS;
    }
}
