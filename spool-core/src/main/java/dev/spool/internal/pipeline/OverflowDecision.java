package dev.spool.internal.pipeline;

import dev.spool.DropReason;
import dev.spool.Level;
import dev.spool.OverflowPolicy;

/**
 * What a producer does with an event when the ring is full, by its route's {@link OverflowPolicy} and
 * its level. A thread that holds the write lock (the writer itself, or a caller writing synchronously,
 * when a destination logs) must not wait for space only it can free: its event is dropped instead.
 */
enum OverflowDecision {

    /** Wait for space, then claim again. */
    WAIT(null),
    /** Write the event on the calling thread, after what is queued ({@code sync-fallback}). */
    WRITE_ON_CALLER(null),
    /** Drop and count as {@code queue_full}. */
    DROP_QUEUE_FULL(DropReason.QUEUE_FULL),
    /** Drop and count as {@code writer_reentry}: waiting would deadlock. */
    DROP_WRITER_REENTRY(DropReason.WRITER_REENTRY);

    /** Why the event is not written, for the drop decisions; null otherwise. */
    final DropReason dropReason;

    OverflowDecision(DropReason dropReason) {
        this.dropReason = dropReason;
    }

    /**
     * Decides for one event on a full ring.
     *
     * @param callerIsWriter whether the calling thread holds the write lock
     */
    static OverflowDecision on(OverflowPolicy policy, Level level, boolean callerIsWriter) {
        switch (policy.kind()) {
            case DROP:
                return DROP_QUEUE_FULL;
            case DROP_BELOW:
                if (!level.isAtLeast(policy.threshold())) {
                    return DROP_QUEUE_FULL;
                }
                return callerIsWriter ? DROP_WRITER_REENTRY : WAIT;
            case SYNC_FALLBACK:
                if (!level.isAtLeast(policy.threshold())) {
                    return DROP_QUEUE_FULL;
                }
                return callerIsWriter ? DROP_WRITER_REENTRY : WRITE_ON_CALLER;
            default:
                return callerIsWriter ? DROP_WRITER_REENTRY : WAIT;
        }
    }
}
