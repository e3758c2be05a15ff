package dev.spool.forward;


import java.nio.file.Path;
import java.time.Duration;

/** The validated options of one {@code forward} destination; see {@link ForwardSinkProvider} for the keys. */
record ForwardSettings(CollectorAddress address, String token, long maxMemoryBytes, Path spillPath,
                       long maxSpillBytes, int maxEventBytes, Duration connectTimeout, Duration sendTimeout,
                       Duration closeTimeout) {

    /** Most bytes one flush sends, so a long backlog is sent over several batches. */
    long maxBytesPerFlush() {
        return 4L << 20;
    }
}
