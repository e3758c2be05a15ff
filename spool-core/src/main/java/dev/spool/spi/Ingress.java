package dev.spool.spi;

import dev.spool.PipelineStats;
import dev.spool.SpoolConfig;

import java.time.Duration;

/**
 * A pipeline of its own for events made elsewhere: what a collector, a broker consumer or any other
 * receiver uses to hand received events to destinations. Each event keeps its id, time, thread, context
 * and resource; it is routed by its logger name like a local event, through the routes and destinations
 * of the configuration the ingress was started with. Separate from the process's own logging
 * ({@link dev.spool.Spool}).
 *
 * <pre>{@code
 * Ingress ingress = Ingress.start(config);
 * ingress.ingest(received);            // from the receiving thread(s)
 * ingress.flush(Duration.ofSeconds(5)); // before acknowledging to the sender
 * ingress.shutdown(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>All methods are thread-safe. {@link #ingest} never does I/O; with the {@code block} overflow policy
 * it may wait for queue space.
 */
public interface Ingress {

    /**
     * Opens every destination of {@code config} and starts its writer thread.
     *
     * @throws IllegalStateException naming the destination that could not be opened
     */
    static Ingress start(SpoolConfig config) {
        return LogPipeline.start(config);
    }

    /**
     * Enqueues one event. The event is copied before this returns, so the caller may reuse what backs it.
     * An event below its route's level is discarded without being counted, as a local one would be.
     *
     * @return false if the ingress has shut down; the event was then counted as dropped
     *         ({@code after_shutdown})
     */
    boolean ingest(LogEvent event);

    /**
     * {@link #ingest} for a receiver that calls {@link #flush} or {@link #requestFlush} after each round
     * of events it hands over (a collector's round of reads): the writer thread is not woken for this
     * event, so the round is written as one batch, with one write and one flush per destination, instead
     * of in the small batches of a writer woken for each event that keeps up with them. The event is
     * written at the next flush, when the queue is full, or at the latest when the idle writer wakes by
     * itself (100 ms). Same counting, copying and return value as {@link #ingest}.
     */
    default boolean ingestWithoutWaking(LogEvent event) {
        return ingest(event);
    }

    /**
     * Waits until every event ingested before this call has been handed to its destinations and they
     * were flushed.
     *
     * @return true if that happened within {@code timeout}; false on timeout or after shutdown
     */
    boolean flush(Duration timeout);

    /**
     * Starts a {@link #flush} without waiting for it, for a receiver that goes on reading while its last
     * round of events is written: wakes the writer and returns a mark for {@link #flushed(long)} and
     * {@link #awaitFlushed}, which is reached once every event ingested before this call has been handed to
     * its destinations and they were flushed. This default flushes before it returns (waiting up to a
     * minute), so its mark is reached at once when that flush succeeded and never when it did not.
     */
    default long requestFlush() {
        return flush(Duration.ofMinutes(1)) ? 0 : Long.MAX_VALUE;
    }

    /** Whether the flush that {@link #requestFlush()} returned {@code mark} for has happened; never waits. */
    default boolean flushed(long mark) {
        return mark == 0;
    }

    /**
     * Waits until the flush that {@link #requestFlush()} returned {@code mark} for has happened.
     *
     * @return true if it did within {@code timeout}; false on timeout or after shutdown
     */
    default boolean awaitFlushed(long mark, Duration timeout) {
        return flushed(mark);
    }

    /** A consistent snapshot of the counters, including each destination's. */
    PipelineStats stats();

    /**
     * Stops accepting, drains for at most {@code timeout}, closes the destinations and reports on stderr
     * what was not written. Idempotent.
     *
     * @return the final stats
     */
    PipelineStats shutdown(Duration timeout);

    /** The configuration this ingress runs. */
    SpoolConfig config();
}
