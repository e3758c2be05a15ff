package dev.spool.cli.store;

import dev.spool.store.TimeBucket;

import java.util.List;

/** Counts drawn as one line of block characters, the tallest bucket as a full block. */
final class Sparkline {

    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /** The line for {@code buckets}; an empty bucket is a space, so quiet periods show. */
    static String of(List<TimeBucket> buckets) {
        long max = buckets.stream().mapToLong(TimeBucket::count).max().orElse(0);
        StringBuilder b = new StringBuilder(buckets.size());
        for (TimeBucket bucket : buckets) {
            if (bucket.count() == 0) {
                b.append(' ');
            } else {
                int index = (int) (bucket.count() * (BARS.length - 1) / max); // any event shows, as at least the lowest bar
                b.append(BARS[Math.max(0, Math.min(BARS.length - 1, index))]);
            }
        }
        return b.toString();
    }
}
