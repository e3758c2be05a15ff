package dev.spool.spi.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff: the n-th consecutive failure waits {@code min * 2^(n-1)} capped at {@code max},
 * optionally jittered to a random time between half and all of it, so that many clients cut off by the
 * same broker or database restart do not come back in lockstep. Never gives up. Not thread-safe: each
 * retrying thread keeps its own.
 */
public final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final boolean jitter;
    private int failures;

    public Backoff(Duration min, Duration max, boolean jitter) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.jitter = jitter;
    }

    /** The delay before the next attempt, counting one more failure. */
    public long nextDelayNanos() {
        long ceiling = minNanos << Math.min(failures, 30);
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        failures++;
        long floor = Math.max(minNanos, ceiling / 2);
        return !jitter || floor >= ceiling ? ceiling : ThreadLocalRandom.current().nextLong(floor, ceiling + 1);
    }

    /** A success: the next failure starts from the minimum again. */
    public void reset() {
        failures = 0;
    }
}
