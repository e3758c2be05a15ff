package dev.spool.bench.report;

/**
 * One latency run: producers at a fixed total rate; each latency counted from the event's intended start.
 *
 * @param load         intended events per second over all producers; 0 for saturation (back to back, each
 *                     latency the call's own duration)
 * @param count        events recorded (the warm-up is not)
 * @param achievedRate events per second the producers really managed over the measured part
 * @param sustained    whether the achieved rate was within 2% of the load (always, at saturation)
 * @param verdict      {@code OK}, or what the file check or the run found wrong
 */
public record LatencyResult(String backend, String label, int load, long count, long achievedRate, boolean sustained,
                            long p50Nanos, long p99Nanos, long p999Nanos, long p9999Nanos, long maxNanos,
                            String verdict, boolean ok, String note) {

    /** Whether an achieved rate counts as sustaining {@code load}. */
    public static boolean sustains(long achievedRate, int load) {
        return achievedRate >= load * 0.98;
    }

    /** Loads in increasing order, saturation (0) last. */
    public static final java.util.Comparator<Integer> LOAD_ORDER =
            java.util.Comparator.comparingLong(load -> load == 0 ? Long.MAX_VALUE : load);

    /** {@code 50k}, or {@code saturation} for load 0. */
    public static String loadText(int load) {
        return load == 0 ? "saturation" : Summary.rate(load);
    }

    /** The percentiles in report order: p50, p99, p99.9, p99.99, max. */
    public long[] percentilesNanos() {
        return new long[] {p50Nanos, p99Nanos, p999Nanos, p9999Nanos, maxNanos};
    }
}
