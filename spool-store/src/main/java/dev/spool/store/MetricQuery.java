package dev.spool.store;

import java.time.Duration;
import java.util.Map;

/**
 * Which metric to aggregate, over which window, in buckets of what width.
 *
 * @param name        the metric name (exact)
 * @param sinceMicros inclusive window start, µs since the epoch ({@link Long#MIN_VALUE}: unbounded)
 * @param untilMicros exclusive window end ({@link Long#MAX_VALUE}: unbounded)
 * @param bucket      bucket width; buckets start at multiples of it since the epoch. Null: one bucket
 *                    for the whole window
 * @param tags        tag equalities every sample must match
 */
public record MetricQuery(String name, long sinceMicros, long untilMicros, Duration bucket, Map<String, String> tags) {

    /** Validates the name, the window and the bucket width. */
    public MetricQuery {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a metric query needs a metric name");
        }
        if (sinceMicros >= untilMicros) {
            throw new IllegalArgumentException("empty time range: since must be before until");
        }
        if (bucket != null && bucket.toNanos() < 1_000) {
            throw new IllegalArgumentException("bad bucket " + bucket + ": expected at least 1 microsecond");
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** All samples of {@code name} ever stored, as one bucket. */
    public static MetricQuery of(String name) {
        return new MetricQuery(name, Long.MIN_VALUE, Long.MAX_VALUE, null, Map.of());
    }

    /** Bucket width in µs, or 0 for a single bucket. */
    public long bucketMicros() {
        return bucket == null ? 0 : bucket.toNanos() / 1_000;
    }
}
