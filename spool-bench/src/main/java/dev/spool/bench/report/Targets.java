package dev.spool.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The project's performance targets, judged from the results of one report: a line each, PASS, FAIL,
 * NOT MEASURED, NOT COMPARED or NOT COMPARABLE, with the numbers that decided it. The comparisons with the
 * peers are {@link PeerTargets}'.
 */
final class Targets {

    /** The JMH benchmarks of enabled calls whose destination formats text: their allocation is judged. */
    static final String TEXT_PATH = "TextPathBenchmark.enabledText";
    static final String TEXT_PATH_NUMBERS = "TextPathBenchmark.enabledTextNumbers";
    private static final double ALLOCATION_LIMIT = 0.5; // JMH's normalised figure is noisy below one byte

    /** One judged target. */
    record Line(String status, String text) {
        String render() {
            return "- **" + status + "** " + text;
        }
    }

    private Targets() {
    }

    static List<Line> judge(Summary summary, List<LatencyResult> latency, List<MicroResult> micro) {
        List<Line> lines = new ArrayList<>();
        lines.addAll(PeerTargets.throughput(summary));
        lines.addAll(PeerTargets.absolute(summary));
        lines.addAll(PeerTargets.flat(summary));
        lines.addAll(PeerTargets.latency(latency));
        lines.add(allocation(micro));
        lines.addAll(PeerTargets.allocation(micro));
        return lines;
    }

    /** The throughput targets alone, judged on other figures (the cold passes). */
    static List<Line> throughput(Summary summary) {
        List<Line> lines = new ArrayList<>();
        lines.addAll(PeerTargets.throughput(summary));
        lines.addAll(PeerTargets.absolute(summary));
        lines.addAll(PeerTargets.flat(summary));
        return lines;
    }

    private static Line allocation(List<MicroResult> micro) {
        String what = "0 bytes/op allocated on the enabled text path, boxed arguments and unboxed numbers ("
                + TEXT_PATH + ", " + TEXT_PATH_NUMBERS + ", all threads): ";
        List<String> figures = new ArrayList<>();
        boolean pass = true;
        for (String benchmark : List.of(TEXT_PATH, TEXT_PATH_NUMBERS)) {
            Optional<MicroResult> run = micro.stream().filter(m -> m.benchmark().equals(benchmark)).findFirst();
            if (run.isEmpty() || Double.isNaN(run.get().allocBytesPerOp())) {
                return new Line("NOT MEASURED", what + "benchmark not run (" + benchmark + ")");
            }
            double bytes = run.get().allocBytesPerOp();
            pass &= bytes < ALLOCATION_LIMIT;
            figures.add(String.format(Locale.ROOT, "%.3f B/op", bytes));
        }
        return new Line(pass ? "PASS" : "FAIL", what + String.join(" / ", figures));
    }
}
