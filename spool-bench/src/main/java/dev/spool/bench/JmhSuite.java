package dev.spool.bench;

import dev.spool.bench.report.MicroResult;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The JMH micro-benchmarks of {@code dev.spool.bench.jmh}, run through JMH's own runner (forked JVMs,
 * the driver's classpath) with the GC profiler, so every result carries the bytes allocated per operation.
 * JMH's full output goes to {@code jmh/output.txt}.
 */
final class JmhSuite {

    private final Plan plan;
    private final Path outDir;
    private final String include;
    private final PrintStream progress;

    JmhSuite(Plan plan, Path outDir, String include, PrintStream progress) {
        this.plan = plan;
        this.outDir = outDir;
        this.include = include;
        this.progress = progress;
    }

    List<MicroResult> run() throws IOException, RunnerException {
        Path dir = Files.createDirectories(outDir.resolve("jmh"));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(plan.jmhForks())
                .warmupIterations(plan.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(plan.jmhIteration().toMillis()))
                .measurementIterations(plan.jmhMeasurements())
                .measurementTime(TimeValue.milliseconds(plan.jmhIteration().toMillis()))
                .jvmArgsAppend(ChildRunner.JVM_FLAGS.toArray(new String[0]))
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.CSV)
                .result(dir.resolve("jmh-raw.csv").toString())
                .output(dir.resolve("output.txt").toString())
                .shouldFailOnError(true);
        progress.println("jmh: running " + include + " (JMH output in " + dir.resolve("output.txt") + ")");
        Collection<RunResult> runs = new Runner(options.build()).run();
        List<MicroResult> results = new ArrayList<>();
        for (RunResult run : runs) {
            MicroResult m = toResult(run);
            results.add(m);
            progress.println(String.format(Locale.ROOT, "jmh %-45s threads=%d  %.3f %s  alloc %.3f B/op",
                    m.benchmark(), m.threads(), m.score(), m.unit(), m.allocBytesPerOp()));
        }
        results.sort(Comparator.comparing(MicroResult::benchmark).thenComparingInt(MicroResult::threads));
        return results;
    }

    private static MicroResult toResult(RunResult run) {
        BenchmarkParams params = run.getParams();
        String name = params.getBenchmark();
        String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        Result<?> primary = run.getPrimaryResult();
        Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
        return new MicroResult(simple, params.getThreads(), params.getMode().shortLabel(), primary.getScore(),
                primary.getScoreError(), primary.getScoreUnit(),
                allocation == null ? Double.NaN : allocation.getScore());
    }
}
