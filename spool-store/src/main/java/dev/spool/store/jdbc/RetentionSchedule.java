package dev.spool.store.jdbc;

import dev.spool.store.RetentionPolicy;

import java.sql.SQLException;
import java.time.Duration;

/**
 * When a store destination applies its retention: once per {@code retentionInterval}, one bounded chunk
 * of {@link #CHUNK_ROWS} deletions at a time so that the writer thread is never held for long, and chunk
 * after chunk while a backlog remains ({@link #isBehind()}, which keeps the sink's {@code hasBacklog}
 * true so that the pipeline comes back soon).
 *
 * <p>Used by the sink's writer thread only; {@link #isBehind()} may be read by any thread.
 */
public final class RetentionSchedule {

    /** Most rows one chunk deletes. */
    public static final int CHUNK_ROWS = 5_000;

    /** Deletes up to {@code maxRows} rows the policy no longer keeps; returns how many it deleted. */
    @FunctionalInterface
    public interface Chunk {
        long delete(RetentionPolicy policy, int maxRows, long nowMicros) throws SQLException;
    }

    private final RetentionPolicy policy;
    private final long intervalNanos;
    private long nextNanos;
    private volatile boolean behind;

    public RetentionSchedule(RetentionPolicy policy, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("retentionInterval must be positive, got " + interval);
        }
        this.policy = policy;
        this.intervalNanos = interval.toNanos();
    }

    /** Whether the last chunk was full, so that more rows may be waiting to be deleted. */
    public boolean isBehind() {
        return behind;
    }

    /**
     * Runs one chunk when the policy deletes anything and the interval has passed (or a backlog remains).
     * After a chunk that was not full, or one that failed, the next runs an interval later.
     *
     * @param nowNanos {@link System#nanoTime()} now
     * @throws SQLException as the chunk threw it
     */
    public void runIfDue(long nowNanos, Chunk chunk) throws SQLException {
        if (policy.keepsAll() || (!behind && nowNanos - nextNanos < 0)) {
            return;
        }
        boolean full = false;
        try {
            full = chunk.delete(policy, CHUNK_ROWS, System.currentTimeMillis() * 1_000) >= CHUNK_ROWS;
        } finally {
            behind = full;
            if (!full) {
                nextNanos = nowNanos + intervalNanos;
            }
        }
    }
}
