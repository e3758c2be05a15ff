package dev.spool.forward;

import dev.spool.spi.durable.QueueSettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated options of one {@code forward} destination; see {@link ForwardSinkProvider} for the keys.
 * {@code spillPath} is this destination's own queue directory; {@code spillDir}, when not null, the shared
 * directory it lies in, whose ownerless queues the destination adopts when it opens ({@link SpillDirectory}).
 */
record ForwardSettings(CollectorAddress address, String token, long maxMemoryBytes, Path spillPath,
                       Path spillDir, long maxSpillBytes, int maxEventBytes, Duration connectTimeout, Duration sendTimeout,
                       Duration closeTimeout) {

    /** As the amqp destination's default {@code spool.fsyncInterval}. */
    static final Duration FSYNC_INTERVAL = Duration.ofMillis(200);

    /**
     * How long a batch may wait in memory for its acknowledgement before it goes to the spill queue: as
     * the amqp destination's default {@code batch.maxDelay}, the time its batches stay in memory.
     */
    static final Duration SPILL_AFTER = Duration.ofMillis(200);

    /** Most bytes one flush sends, so a long backlog is sent over several batches. */
    long maxBytesPerFlush() {
        return 4L << 20;
    }

    /**
     * The spill queue: {@code maxSpill} split into segments of an eighth (4 KB to 16 MB), never below two
     * segments. Full means refuse (the writer thread that would wait is the one that reads the acks).
     */
    QueueSettings queue() {
        long segment = Math.max(QueueSettings.MIN_SEGMENT_BYTES, Math.min(16L << 20, maxSpillBytes / 8));
        return new QueueSettings(spillPath, Math.max(maxSpillBytes, 2 * segment), segment, FSYNC_INTERVAL,
                QueueSettings.WhenFull.BLOCK, Duration.ZERO);
    }
}
