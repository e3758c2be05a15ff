package dev.spool.bench;

import dev.spool.bench.check.LogFileCheck;
import dev.spool.bench.check.Verdict;
import dev.spool.bench.report.LatencyResult;
import dev.spool.bench.run.Shape;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency under fixed loads and at saturation: for each, the harness floor (no logging), Spool and the four
 * peer configurations, each in a fresh JVM, with the log file checked afterwards like the end-to-end runs.
 */
final class LatencySuite {

    private final Plan plan;
    private final ChildRunner runner;
    private final Path outDir;
    private final Path libDir;
    private final boolean keepLogs;
    private final PrintStream progress;

    LatencySuite(Plan plan, ChildRunner runner, Path outDir, Path libDir, boolean keepLogs, PrintStream progress) {
        this.plan = plan;
        this.runner = runner;
        this.outDir = outDir;
        this.libDir = libDir;
        this.keepLogs = keepLogs;
        this.progress = progress;
    }

    List<LatencyResult> run() throws IOException, InterruptedException {
        List<Backend> backends = Backend.latency().stream().filter(plan.backends()::contains).toList();
        List<LatencyResult> results = new ArrayList<>();
        for (int load : plan.loads()) {
            for (Backend backend : backends) {
                LatencyResult r = runOne(backend, load);
                results.add(r);
                progress.println(line(r));
            }
        }
        return results;
    }

    private LatencyResult runOne(Backend backend, int load) throws IOException, InterruptedException {
        Path runDir = outDir.resolve("latency").resolve(backend.id + "-"
                + (load == Plan.SATURATION ? "saturation" : Integer.toString(load)));
        Path file = runDir.resolve("events.log");
        int warmup = plan.perThread(load, plan.warmup());
        int measured = plan.perThread(load, plan.measure());
        ChildRunner.Outcome o = runner.run(backend, runDir, Bench.settings(file, plan), List.of("mode=latency",
                "shape=" + Shape.MAIN.id(),
                "threads=" + plan.latencyThreads(), "rate=" + load, "warmupPerThread=" + warmup,
                "measuredPerThread=" + measured, "distribution=" + runDir.resolve("latency.hgrm")));
        String label = backend.label(libDir);
        if (!o.ok()) {
            return new LatencyResult(backend.id, label, load, 0, 0, false, 0, 0, 0, 0, 0,
                    o.timedOut() ? "TIMEOUT" : "FAILED (exit " + o.exitCode() + ")", false, o.error());
        }
        String verdict = "OK (nothing written)";
        boolean ok = true;
        if (backend != Backend.NOOP) {
            Verdict v = LogFileCheck.check(file, plan.latencyThreads(), warmup + measured);
            String wrong = RunFacts.misconfiguration(backend, o, libDir);
            verdict = wrong != null ? "MISCONFIGURED: " + wrong : v.label();
            ok = wrong == null && v.ok();
        }
        if (!keepLogs) {
            Files.deleteIfExists(file);
        }
        long achieved = o.number("achievedRate");
        return new LatencyResult(backend.id, label, load, o.number("count"), achieved,
                LatencyResult.sustains(achieved, load), o.number("p50Nanos"), o.number("p99Nanos"),
                o.number("p999Nanos"), o.number("p9999Nanos"), o.number("maxNanos"), verdict, ok, RunFacts.notes(o));
    }

    private static String line(LatencyResult r) {
        return String.format(Locale.ROOT, "latency %-14s load=%-10s achieved=%-7d p50=%.1f p99=%.1f p99.9=%.1f "
                        + "p99.99=%.1f max=%.1f us  [%s]", r.backend(), LatencyResult.loadText(r.load()), r.achievedRate(), r.p50Nanos() / 1e3,
                r.p99Nanos() / 1e3, r.p999Nanos() / 1e3, r.p9999Nanos() / 1e3, r.maxNanos() / 1e3, r.verdict());
    }
}
