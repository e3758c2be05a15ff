package dev.spool.store;

/**
 * The samples of one metric in one time bucket. Percentiles are nearest-rank: {@code p95} is the smallest
 * sample with at least 95% of the samples at or below it, so it is always a value that was recorded.
 */
public record MetricBucket(long startMicros, long count, double avg, double min, double max,
                           double p50, double p95, double p99) {

    /** The same bucket starting at {@code micros}. */
    public MetricBucket startingAt(long micros) {
        return new MetricBucket(micros, count, avg, min, max, p50, p95, p99);
    }
}
