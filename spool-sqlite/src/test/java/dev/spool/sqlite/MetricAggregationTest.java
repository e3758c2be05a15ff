package dev.spool.sqlite;

import dev.spool.store.MetricBucket;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricAggregationTest {

    @Test
    void percentilesAreNearestRankValuesThatWereRecorded() {
        MetricAggregation a = new MetricAggregation();
        for (double v : new double[] {1, 2, 3, 4, 5}) {
            a.add(0, 100, v);
        }
        assertThat(a.finish()).containsExactly(new MetricBucket(100, 5, 3, 1, 5, 3, 5, 5));
    }

    @Test
    void aSingleSampleIsEveryStatistic() {
        MetricAggregation a = new MetricAggregation();
        a.add(7, 700, 42);
        assertThat(a.finish()).containsExactly(new MetricBucket(700, 1, 42, 42, 42, 42, 42, 42));
    }

    @Test
    void aNewBucketKeyClosesThePreviousBucketAndTheBufferGrows() {
        MetricAggregation a = new MetricAggregation();
        for (int i = 1; i <= 2_000; i++) {
            a.add(0, 0, i);
        }
        a.add(1, 60, 9);
        List<MetricBucket> buckets = a.finish();
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0)).isEqualTo(new MetricBucket(0, 2_000, 1000.5, 1, 2_000, 1_000, 1_900, 1_980));
        assertThat(buckets.get(1).count()).isEqualTo(1);
    }
}
