package dev.spool.bench;

import dev.spool.bench.check.LogFileCheck;
import dev.spool.bench.check.Verdict;
import dev.spool.bench.report.CpuTime;
import dev.spool.bench.report.EndToEndResult;
import dev.spool.bench.run.Shape;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End to end to a file: every call shape, backend, thread count and repeat in a fresh JVM, which logs the
 * run's events twice: a cold pass while the JIT compiles, then the measured pass (both are reported, and
 * both are checked in the file). Repeats are the
 * outer loop and backends the inner one, so a slow drift of the machine spreads over all backends alike.
 * The historic shape ({@link Shape#MAIN}) runs at every thread count of the plan and with every backend;
 * the other shapes at the plan's shape thread counts, without Log4j 2 on Disruptor 4 (which loses events
 * whatever the call), and {@link Shape#SPOOL_API} with Spool only.
 */
final class EndToEndSuite {

    private final Plan plan;
    private final ChildRunner runner;
    private final Path outDir;
    private final Path libDir;
    private final boolean keepLogs;
    private final PrintStream progress;

    EndToEndSuite(Plan plan, ChildRunner runner, Path outDir, Path libDir, boolean keepLogs, PrintStream progress) {
        this.plan = plan;
        this.runner = runner;
        this.outDir = outDir;
        this.libDir = libDir;
        this.keepLogs = keepLogs;
        this.progress = progress;
    }

    List<EndToEndResult> run() throws IOException, InterruptedException {
        List<Backend> backends = Backend.endToEnd().stream().filter(plan.backends()::contains).toList();
        List<EndToEndResult> results = new ArrayList<>();
        for (int repeat = 1; repeat <= plan.repeats(); repeat++) {
            for (Shape shape : plan.shapes()) {
                for (int threads : plan.threadsFor(shape)) {
                    for (Backend backend : backends) {
                        if (runs(backend, shape)) {
                            EndToEndResult r = runOne(backend, shape, threads, repeat);
                            results.add(r);
                            progress.println(line(r));
                        }
                    }
                }
            }
        }
        return results;
    }

    private static boolean runs(Backend backend, Shape shape) {
        if (!shape.slf4j()) {
            return backend == Backend.SPOOL;
        }
        return shape == Shape.MAIN || backend != Backend.LOG4J2_ASYNC_D4;
    }

    private EndToEndResult runOne(Backend backend, Shape shape, int threads, int repeat)
            throws IOException, InterruptedException {
        Path runDir = outDir.resolve("e2e").resolve(backend.id + "-" + shape.id() + "-t" + threads + "-r" + repeat);
        Path file = runDir.resolve("events.log");
        int perThread = plan.events() / threads;
        ChildRunner.Outcome o = runner.run(backend, runDir, Bench.settings(file, plan, shape, backend),
                List.of("mode=throughput", "shape=" + shape.id(), "threads=" + threads, "coldPerThread=" + perThread,
                        "perThread=" + perThread));
        String label = backend.label(libDir);
        if (!o.ok()) {
            return new EndToEndResult(backend.id, label, threads, repeat, plan.events(), 0, 0, 0,
                    o.timedOut() ? "TIMEOUT" : "FAILED (exit " + o.exitCode() + ")", false, o.error(), shape.id(),
                    CpuTime.NONE);
        }
        LogFileCheck.Passes passes = LogFileCheck.check(file, threads, perThread, perThread, shape, backend.family);
        Verdict v = passes.verdict();
        if (!keepLogs) {
            Files.deleteIfExists(file);
        }
        String wrong = RunFacts.misconfiguration(backend, o, libDir);
        String verdict = wrong != null ? "MISCONFIGURED: " + wrong : v.label();
        boolean ok = wrong == null && v.ok();
        long events = (long) perThread * threads;
        EndToEndResult cold = new EndToEndResult(backend.id, label, threads, repeat, events,
                o.number("cold.producerNanos"), o.number("cold.endToEndNanos"), v.bytes() - passes.measuredBytes(),
                verdict, ok, "", shape.id(), cpu(o, "cold."));
        return new EndToEndResult(backend.id, label, threads, repeat, events, o.number("producerNanos"),
                o.number("endToEndNanos"), passes.measuredBytes(), verdict, ok, RunFacts.notes(o), shape.id(),
                cpu(o, ""), cold);
    }

    private static CpuTime cpu(ChildRunner.Outcome o, String pass) {
        return new CpuTime(o.number(pass + "cpu.producerNanos"), o.number(pass + "cpu.backendNanos"),
                o.number(pass + "cpu.jitNanos"), o.number(pass + "cpu.gcNanos"), o.number(pass + "cpu.processNanos"));
    }

    private static String line(EndToEndResult r) {
        CpuTime cpu = r.cpu();
        String figures = r.ok() ? String.format(Locale.ROOT, "%,.0f ev/s end to end, %.1f MB/s, producers %,.0f ev/s;"
                        + " CPU ns/event producers %.1f, backend %.1f, process %.1f (jit %d ms, gc %d ms);"
                        + " cold pass %,.0f ev/s (jit %d ms)",
                r.eventsPerSecond(), r.megabytesPerSecond(), r.producerEventsPerSecond(),
                cpu.producerPerEvent(r.events()), cpu.backendPerEvent(r.events()), cpu.processPerEvent(r.events()),
                cpu.jitNanos() / 1_000_000, cpu.gcNanos() / 1_000_000, r.cold().eventsPerSecond(),
                r.cold().cpu().jitNanos() / 1_000_000) : r.verdict();
        return String.format(Locale.ROOT, "e2e %-16s %-9s threads=%-3d run=%d  %s", r.backend(), r.shape(), r.threads(),
                r.repeat(),
                figures + (r.ok() ? "  [" + r.verdict() + "]" : "  " + r.note()));
    }
}
