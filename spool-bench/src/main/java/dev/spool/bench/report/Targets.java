package dev.spool.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The project's performance targets, judged from the results of one report: a line each, PASS, FAIL or
 * NOT MEASURED, with the numbers that decided it.
 */
final class Targets {

    static final String SPOOL = "spool";
    static final String LOG4J2_ASYNC = "log4j2-async";
    /** The JMH benchmarks of enabled calls whose destination formats text: their allocation is judged. */
    static final String TEXT_PATH = "TextPathBenchmark.enabledText";
    static final String TEXT_PATH_NUMBERS = "TextPathBenchmark.enabledTextNumbers";
    private static final List<Integer> THROUGHPUT_THREADS = List.of(1, 4, 16);
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
        for (int threads : THROUGHPUT_THREADS) {
            lines.add(throughput(summary, threads));
        }
        latency.stream().map(LatencyResult::load).distinct().sorted()
                .forEach(load -> lines.add(latency(latency, load)));
        if (latency.isEmpty()) {
            lines.add(new Line("NOT MEASURED", "p99.9 latency below Log4j 2 all-async: no latency runs"));
        }
        lines.add(allocation(micro));
        return lines;
    }

    private static Line throughput(Summary summary, int threads) {
        String what = "end to end >= 2x Log4j 2 all-async at " + threads + " thread(s), zero loss: ";
        Optional<Summary.Cell> spool = summary.cell(SPOOL, threads);
        Optional<Summary.Cell> log4j2 = summary.cell(LOG4J2_ASYNC, threads);
        if (spool.isEmpty() || log4j2.isEmpty()) {
            return new Line("NOT MEASURED", what + "no runs at this thread count");
        }
        if (!spool.get().ok()) {
            return new Line("FAIL", what + "Spool " + spool.get().text());
        }
        if (!log4j2.get().ok()) {
            return new Line("NOT COMPARABLE", what + "Log4j 2 " + log4j2.get().text());
        }
        double ratio = spool.get().eventsPerSecond() / log4j2.get().eventsPerSecond();
        return new Line(ratio >= 2 ? "PASS" : "FAIL", what + String.format(Locale.ROOT,
                "%.2fx (Spool %s/s, Log4j 2 %s/s)", ratio, Summary.rate(spool.get().eventsPerSecond()),
                Summary.rate(log4j2.get().eventsPerSecond())));
    }

    private static Line latency(List<LatencyResult> results, int load) {
        String what = "p99.9 below Log4j 2 all-async at " + Summary.rate(load) + " events/s: ";
        Optional<LatencyResult> spool = find(results, SPOOL, load);
        Optional<LatencyResult> log4j2 = find(results, LOG4J2_ASYNC, load);
        if (spool.isEmpty() || log4j2.isEmpty()) {
            return new Line("NOT MEASURED", what + "missing run");
        }
        if (!spool.get().ok()) {
            return new Line("FAIL", what + "Spool " + spool.get().verdict());
        }
        boolean log4j2Sustained = log4j2.get().sustained() && log4j2.get().ok();
        if (!spool.get().sustained() && log4j2Sustained) {
            return new Line("FAIL", what + "Spool did not sustain the load (" + spool.get().achievedRate()
                    + "/s) that Log4j 2 sustained");
        }
        if (!spool.get().sustained() || !log4j2Sustained) {
            return new Line("NOT COMPARED", what + "not sustained by both (Spool " + spool.get().achievedRate()
                    + "/s, Log4j 2 " + log4j2.get().achievedRate() + "/s, " + log4j2.get().verdict() + ")");
        }
        boolean pass = spool.get().p999Nanos() < log4j2.get().p999Nanos();
        return new Line(pass ? "PASS" : "FAIL", what + String.format(Locale.ROOT, "Spool %.1f µs, Log4j 2 %.1f µs",
                spool.get().p999Nanos() / 1e3, log4j2.get().p999Nanos() / 1e3));
    }

    private static Line allocation(List<MicroResult> micro) {
        String what = "0 bytes/op allocated on the enabled text path, boxed arguments and unboxed numbers ("
                + TEXT_PATH + ", " + TEXT_PATH_NUMBERS + ", all threads): ";
        List<String> figures = new ArrayList<>();
        boolean pass = true;
        for (String benchmark : List.of(TEXT_PATH, TEXT_PATH_NUMBERS)) {
            Optional<MicroResult> run = micro.stream().filter(m -> m.benchmark().equals(benchmark)).findFirst();
            if (run.isEmpty() || Double.isNaN(run.get().allocBytesPerOp())) {
                return new Line("NOT MEASURED", what + benchmark + " not run");
            }
            double bytes = run.get().allocBytesPerOp();
            pass &= bytes < ALLOCATION_LIMIT;
            figures.add(String.format(Locale.ROOT, "%.3f B/op", bytes));
        }
        return new Line(pass ? "PASS" : "FAIL", what + String.join(" / ", figures));
    }

    private static Optional<LatencyResult> find(List<LatencyResult> results, String backend, int load) {
        return results.stream().filter(r -> r.backend().equals(backend) && r.load() == load).findFirst();
    }
}
