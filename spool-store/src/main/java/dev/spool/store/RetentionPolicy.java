package dev.spool.store;

import java.time.Duration;

/**
 * What a store keeps: rows younger than {@code maxAge} and at most {@code maxRows} rows per table.
 *
 * @param maxAge  null keeps rows of any age
 * @param maxRows 0 keeps any number of rows
 */
public record RetentionPolicy(Duration maxAge, long maxRows) {

    /** Keeps everything. */
    public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(null, 0);

    /** Rejects a zero or negative age and a negative row count. */
    public RetentionPolicy {
        if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
            throw new IllegalArgumentException("retention maxAge must be positive, got " + maxAge);
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("retention maxRows must be 0 (no limit) or positive, got " + maxRows);
        }
    }

    /** Whether the policy deletes anything at all. */
    public boolean keepsAll() {
        return maxAge == null && maxRows == 0;
    }
}
