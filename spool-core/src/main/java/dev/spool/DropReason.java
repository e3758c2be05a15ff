package dev.spool;

import java.util.Locale;

/** Why an accepted event was not written. Every drop is counted under one of these. */
public enum DropReason {
    /** The queue was full and the route's overflow policy drops. */
    QUEUE_FULL,
    /** The event was logged after its pipeline began shutting down. */
    AFTER_SHUTDOWN,
    /** Shutdown's deadline passed with the event still queued. */
    SHUTDOWN_TIMEOUT,
    /** A destination logged from the writer thread while the queue was full: waiting would deadlock. */
    WRITER_REENTRY;

    /** The name used in stats and output, such as {@code queue_full}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
