package dev.spool.store;

import java.time.Duration;
import java.util.List;

/**
 * Counts over a filtered set of events.
 *
 * @param levels  one entry per level, TRACE to FATAL, including zero counts
 * @param loggers the busiest loggers, most events first
 * @param threads the busiest threads, most events first
 * @param buckets events per {@code bucket}, oldest first, empty buckets included between first and last
 */
public record Stats(long total, List<LevelStats> levels, List<NameCount> loggers, List<NameCount> threads,
                    Duration bucket, List<TimeBucket> buckets) {

    public Stats {
        levels = List.copyOf(levels);
        loggers = List.copyOf(loggers);
        threads = List.copyOf(threads);
        buckets = List.copyOf(buckets);
    }
}
