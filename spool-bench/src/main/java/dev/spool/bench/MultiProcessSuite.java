package dev.spool.bench;

import dev.spool.bench.check.LogFileCheck;
import dev.spool.bench.check.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Many processes, one file: 1, 2 and 4 processes (one producer each) append to the same file, released
 * together by a start file; the rate is all their events over the time from the release to the last
 * process's shutdown. Spool's multi-process rolling file is compared with Spool in one process on a plain
 * file (the baseline: 1 process only) and with Logback's prudent mode. The file is checked like the
 * end-to-end runs: every producer's events, once, in order.
 */
final class MultiProcessSuite {

    /** One configuration at one process count. */
    record Result(String backend, int processes, long events, long nanos, String verdict, boolean ok) {
        double eventsPerSecond() {
            return nanos == 0 ? 0 : events * 1e9 / nanos;
        }
    }

    private static final List<Integer> PROCESSES = List.of(1, 2, 4);

    private final Plan plan;
    private final ChildRunner runner;
    private final Path outDir;
    private final boolean keepLogs;
    private final PrintStream progress;

    MultiProcessSuite(Plan plan, ChildRunner runner, Path outDir, boolean keepLogs, PrintStream progress) {
        this.plan = plan;
        this.runner = runner;
        this.outDir = outDir;
        this.keepLogs = keepLogs;
        this.progress = progress;
    }

    List<Result> run() throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        for (int repeat = 1; repeat <= plan.repeats(); repeat++) {
            for (int processes : PROCESSES) {
                for (Backend backend : Backend.multiProcess()) {
                    if (backend == Backend.SPOOL && processes > 1) {
                        continue; // one process on a plain file is the baseline, not a shared-file mode
                    }
                    Result r = runOne(backend, processes, repeat);
                    results.add(r);
                    progress.println(String.format(Locale.ROOT, "multiprocess %-16s processes=%d run=%d  %s",
                            backend.id, processes, repeat, r.ok() ? String.format(Locale.ROOT, "%,.0f ev/s  [%s]",
                                    r.eventsPerSecond(), r.verdict()) : r.verdict()));
                }
            }
        }
        Files.writeString(outDir.resolve("multiprocess.md"), markdown(results), StandardCharsets.UTF_8);
        return results;
    }

    private Result runOne(Backend backend, int processes, int repeat) throws IOException, InterruptedException {
        Path dir = outDir.resolve("multiprocess").resolve(backend.id + "-p" + processes + "-r" + repeat);
        Files.createDirectories(dir);
        Path file = dir.resolve("events.log");
        Path go = dir.resolve("go");
        Files.deleteIfExists(go); // left by an earlier run into the same output directory
        Files.deleteIfExists(file);
        int perProcess = plan.events() / 4;
        List<Process> started = new ArrayList<>();
        List<Path> runDirs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            Path runDir = dir.resolve("process-" + p);
            Files.deleteIfExists(runDir.resolve("ready"));
            runDirs.add(runDir);
            started.add(runner.start(backend, runDir, Bench.settings(file, plan), List.of("mode=throughput", "threads=1",
                    "perThread=" + perProcess, "firstProducer=" + p, "ready=" + runDir.resolve("ready"), "go=" + go)));
        }
        long last = 0;
        long release;
        try {
            if (!awaitReady(runDirs, started)) {
                return new Result(backend.id, processes, (long) perProcess * processes, 0,
                        "FAILED (a process did not start)", false);
            }
            release = System.nanoTime();
            Files.createFile(go);
            for (int p = 0; p < processes; p++) {
                ChildRunner.Outcome o = runner.await(started.get(p), runDirs.get(p));
                if (!o.ok()) {
                    return new Result(backend.id, processes, (long) perProcess * processes, 0,
                            "FAILED: " + o.error(), false);
                }
                last = Math.max(last, o.number("endNanos"));
            }
        } finally {
            started.forEach(Process::destroyForcibly); // no child outlives its run, whatever went wrong
        }
        Verdict v = LogFileCheck.check(file, processes, perProcess);
        if (!keepLogs) {
            Files.deleteIfExists(file);
        }
        return new Result(backend.id, processes, (long) perProcess * processes, last - release, v.label(), v.ok());
    }

    /** Waits (bounded) until every process has its producer ready; false if one died or took too long. */
    private static boolean awaitReady(List<Path> runDirs, List<Process> processes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < runDirs.size(); i++) {
            while (!Files.exists(runDirs.get(i).resolve("ready"))) {
                if (!processes.get(i).isAlive() || System.nanoTime() > deadline) {
                    return false;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polling a file the child creates
            }
        }
        return true;
    }

    static String markdown(List<Result> results) {
        StringBuilder md = new StringBuilder("| configuration | processes | events | events/s (median) | vs Spool, 1 process | check |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        double baseline = median(results, Backend.SPOOL.id, 1);
        for (Backend backend : Backend.multiProcess()) {
            for (int processes : PROCESSES) {
                List<Result> cell = results.stream()
                        .filter(r -> r.backend().equals(backend.id) && r.processes() == processes).toList();
                if (cell.isEmpty()) {
                    continue;
                }
                boolean ok = cell.stream().allMatch(Result::ok);
                double median = median(results, backend.id, processes);
                md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %s | %s | %s |%n", backend.id, processes,
                        cell.get(0).events(), ok ? String.format(Locale.ROOT, "%,.0f", median) : "-",
                        ok && baseline > 0 ? String.format(Locale.ROOT, "%.2f", median / baseline) : "-",
                        ok ? "OK" : cell.stream().filter(r -> !r.ok()).findFirst().orElseThrow().verdict()));
            }
        }
        double four = median(results, Backend.SPOOL_MULTI_PROCESS.id, 4);
        md.append(String.format(Locale.ROOT, "%nTarget: 4 processes together reach at least half of Spool's single-process "
                + "throughput: %s (%.2f)%n", baseline > 0 && four >= baseline / 2 ? "PASS" : "FAIL",
                baseline > 0 ? four / baseline : 0));
        return md.toString();
    }

    private static double median(List<Result> results, String backend, int processes) {
        double[] rates = results.stream().filter(r -> r.ok() && r.backend().equals(backend) && r.processes() == processes)
                .mapToDouble(Result::eventsPerSecond).sorted().toArray();
        if (rates.length == 0) {
            return 0;
        }
        return rates.length % 2 == 1 ? rates[rates.length / 2] : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
    }
}
