package dev.spool.store;

import java.time.Duration;
import java.util.Map;

/**
 * Which metric to aggregate, over which window, in buckets of what width.
 *
 * @param name        the metric name, exact, or a pattern with {@code *} (any characters) and {@code ?} (one
 *                    character), e.g. {@code operation_duration_*}: a pattern is for the sample lists
 *                    ({@link LogStore#topSamples}, {@link LogStore#latestSamples}), not for aggregation
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

    /** Whether {@link #name()} is a pattern ({@code *} or {@code ?} in it). */
    public boolean isPattern() {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    /**
     * The name as a SQL {@code LIKE} pattern with {@code \\} as the escape character: {@code *} is {@code %},
     * {@code ?} is {@code _}, and a {@code %}, {@code _} or {@code \\} of the name itself is escaped.
     */
    public String likePattern() {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '*': b.append('%'); break;
                case '?': b.append('_'); break;
                case '%': case '_': case '\\': b.append('\\').append(c); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Throws when {@link #name()} is a pattern: aggregating samples of several metrics (with their own
     * units) into one series would mean nothing.
     */
    public void requireExactName() {
        if (isPattern()) {
            throw new IllegalArgumentException("'" + name + "' is a pattern: a series is of one metric; list the "
                    + "samples of every matching metric with top or latest samples (spool metrics --top or --raw)");
        }
    }

    /** Bucket width in µs, or 0 for a single bucket. */
    public long bucketMicros() {
        return bucket == null ? 0 : bucket.toNanos() / 1_000;
    }
}
