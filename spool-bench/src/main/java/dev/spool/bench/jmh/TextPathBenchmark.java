package dev.spool.bench.jmh;

import dev.spool.Logger;
import dev.spool.format.TextFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * The enabled text path whole: a logging call with two pre-boxed arguments, the queue, and the writer
 * thread formatting every event with the benchmark's pattern into a reused buffer. Its allocation per
 * operation (all threads, the writer included) is the figure the 0 bytes/op target is judged on: with
 * two pre-boxed arguments, and with two numbers passed unboxed, a fresh value each call past
 * {@code Long.valueOf}'s cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TextPathBenchmark {

    private final Object thread = Integer.valueOf(3);
    private final Object index = Integer.valueOf(123_456);
    private Logger logger;
    private long counter;

    @Setup(Level.Trial)
    public void start() {
        logger = SpoolUnderTest.start(context -> new FormattingSink(TextFormat.of(TextFormat.DEFAULT,
                ZoneId.systemDefault())));
    }

    @TearDown(Level.Trial)
    public void stop() {
        SpoolUnderTest.stop();
    }

    @Benchmark
    public void enabledText() {
        logger.info("Thread {} log {}", thread, index);
    }

    @Benchmark
    public void enabledTextNumbers() {
        long n = counter++;
        logger.atInfo().arg(n & 15).arg((1L << 40) + n).log("Thread {} log {}");
    }
}
