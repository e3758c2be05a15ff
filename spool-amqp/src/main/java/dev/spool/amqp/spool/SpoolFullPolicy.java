package dev.spool.amqp.spool;

/** What {@link DiskSpool#append} does when the spool has reached its size bound. */
public enum SpoolFullPolicy {

    /**
     * Wait, up to a bound, for the publisher to release space; if none comes, refuse the record so the
     * caller keeps it and tries again later. Never drops; counted as a blocked append.
     */
    BLOCK,

    /** Delete the oldest segment, confirmed or not, and count its unconfirmed events as dropped. */
    DROP_OLDEST
}
