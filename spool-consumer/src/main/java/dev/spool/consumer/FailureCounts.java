package dev.spool.consumer;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Non-retryable failures per message, keyed by {@code message_id} (stable across re-sends and
 * redeliveries), shared by the workers of one consumer: a message redelivered after a reconnect, to the
 * same worker or another, keeps its count, so a poison message reaches {@code maxAttempts} and leaves the
 * queue. Bounded: past {@link #MAX_ENTRIES} messages failing at once every count is forgotten (they
 * restart from zero, which delays a dead letter and loses nothing). Thread-safe.
 */
final class FailureCounts {

    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    /** Counts one more failure of {@code key} and returns the total. */
    int fail(String key) {
        if (counts.size() >= MAX_ENTRIES && !counts.containsKey(key)) {
            counts.clear();
        }
        return counts.merge(key, 1, Integer::sum);
    }

    /** The message was stored or dead-lettered. */
    void forget(String key) {
        counts.remove(key);
    }

    int size() {
        return counts.size();
    }
}
