package dev.spool.store;

import java.time.Duration;
import java.util.List;

/**
 * One metric aggregated per bucket over a window.
 *
 * @param unit    the unit of the most recent sample, or empty when there is none
 * @param buckets buckets holding at least one sample, oldest first; without a bucket width, one bucket
 *                starting at the window's start, or at the first sample when the window is unbounded
 */
public record MetricSeries(String name, String unit, Duration bucket, List<MetricBucket> buckets) {

    public MetricSeries {
        buckets = List.copyOf(buckets);
    }
}
