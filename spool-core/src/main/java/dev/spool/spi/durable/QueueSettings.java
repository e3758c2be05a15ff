package dev.spool.spi.durable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DurableQueue} is laid out and bounded. Validated when made.
 *
 * @param dir           the queue's directory, created if missing; one open queue per directory
 * @param maxBytes      bound on the segment files' total size; at least twice {@code segmentBytes}
 * @param segmentBytes  size at which the active segment is sealed and a new one started; at least 4096
 * @param fsyncInterval how often {@link DurableQueue#syncIfDue()} forces appended data to disk; a
 *                      process kill loses nothing (the data is in the page cache), a power cut about this
 * @param whenFull      what {@link DurableQueue#append} does at the bound
 * @param blockTimeout  how long {@link WhenFull#BLOCK} waits in one append; zero refuses at once
 */
public record QueueSettings(Path dir, long maxBytes, long segmentBytes, Duration fsyncInterval, WhenFull whenFull,
                            Duration blockTimeout) {

    /** Smallest segment accepted. */
    public static final long MIN_SEGMENT_BYTES = 4096;

    /** What {@link DurableQueue#append} does when the queue has reached {@code maxBytes}. */
    public enum WhenFull {

        /**
         * Wait, up to the block timeout, for a commit to release a segment; if none comes, refuse the
         * record so the caller keeps it and tries again later. Never drops; counted as a blocked append.
         */
        BLOCK,

        /** Delete the oldest segment, committed or not, and count its uncommitted events as dropped. */
        DROP_OLDEST
    }

    /** @throws IllegalArgumentException naming the component that is out of range */
    public QueueSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(whenFull, "whenFull");
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes must be at least " + MIN_SEGMENT_BYTES + ", got " + segmentBytes);
        }
        if (maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("maxBytes must be at least twice segmentBytes (" + segmentBytes
                    + "), got " + maxBytes);
        }
        if (fsyncInterval.isNegative() || blockTimeout.isNegative()) {
            throw new IllegalArgumentException("fsyncInterval and blockTimeout must not be negative, got "
                    + fsyncInterval + " and " + blockTimeout);
        }
    }
}
