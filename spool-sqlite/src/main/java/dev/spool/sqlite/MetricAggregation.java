package dev.spool.sqlite;

import dev.spool.store.MetricBucket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns samples sorted by bucket, then by value, into one {@link MetricBucket} per bucket. Holds one
 * bucket's values at a time, so memory follows the busiest bucket, not the window.
 */
final class MetricAggregation {

    private final List<MetricBucket> buckets = new ArrayList<>();
    private double[] values = new double[1024];
    private int count;
    private double sum;
    private long bucketKey;
    private long bucketStartMicros;

    /** Adds a sample; samples come in bucket order and, within a bucket, in ascending value order. */
    void add(long key, long startMicros, double value) {
        if (count > 0 && key != bucketKey) {
            finishBucket();
        }
        if (count == 0) {
            bucketKey = key;
            bucketStartMicros = startMicros;
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
        sum += value;
    }

    List<MetricBucket> finish() {
        if (count > 0) {
            finishBucket();
        }
        return buckets;
    }

    private void finishBucket() {
        buckets.add(new MetricBucket(bucketStartMicros, count, sum / count, values[0], values[count - 1],
                nearestRank(50), nearestRank(95), nearestRank(99)));
        count = 0;
        sum = 0;
    }

    /** The smallest value with at least {@code percent}% of the values at or below it. */
    private double nearestRank(int percent) {
        long rank = ((long) percent * count + 99) / 100; // ceil in integers: no rounding surprises

        return values[(int) Math.max(0, rank - 1)];
    }
}
