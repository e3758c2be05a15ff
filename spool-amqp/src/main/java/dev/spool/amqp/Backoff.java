package dev.spool.amqp;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between a minimum and a maximum delay: the n-th consecutive failure
 * waits a random time between half and all of {@code min * 2^(n-1)}, capped at {@code max}, so many
 * producers cut off by the same broker restart do not reconnect in lockstep. Never gives up.
 *
 * <p>Not thread-safe: the publisher thread's own.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private int failures;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The delay before the next attempt, counting one more failure. */
    long nextDelayNanos() {
        long ceiling = minNanos << Math.min(failures, 30);
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        failures++;
        long floor = Math.max(minNanos, ceiling / 2);
        return floor >= ceiling ? ceiling : ThreadLocalRandom.current().nextLong(floor, ceiling + 1);
    }

    /** A success: the next failure starts from the minimum again. */
    void reset() {
        failures = 0;
    }
}
