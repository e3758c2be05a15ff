package dev.spool.bench.jmh;

import dev.spool.Logger;
import dev.spool.bench.run.SpoolApiCall;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The cost of one logging call as the caller sees it, into a destination that does nothing: below the
 * level, enabled with two arguments (no varargs array), and enabled with the benchmark's three-argument
 * call (a varargs array the caller allocates unless the JIT removes it). Arguments are boxed once in the
 * state, so any allocation reported is Spool's, the varargs array aside; except in {@code enabledNumbers},
 * the {@code spool-api} shape's call with two {@code int}s ({@link SpoolApiCall}), whose allocation is
 * judged at zero. The other number cases log a fresh value each call, past {@code Long.valueOf}'s cache:
 * unboxed through the primitive overloads and {@code EventBuilder.arg}, and boxed by the caller as their
 * peers (so those report the box).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoggerCallBenchmark {

    private static final String MESSAGE = "Thread {} log {} value={}";

    private final Object thread = Integer.valueOf(3);
    private final Object index = Integer.valueOf(123_456);
    private final Object value = Integer.valueOf(42);
    private static final long LARGE = 1L << 40;

    private Logger logger;
    private int counter = 1_000; // indexes above the Integer cache, as in a real run
    private long numbers;

    @Setup(Level.Trial)
    public void start() {
        logger = SpoolUnderTest.start(context -> new NullSink());
    }

    @TearDown(Level.Trial)
    public void stop() {
        SpoolUnderTest.stop();
    }

    @Benchmark
    public void disabled() {
        logger.debug(MESSAGE, thread, index, value);
    }

    @Benchmark
    public void enabledTwoArgs() {
        logger.info("Thread {} log {}", thread, index);
    }

    @Benchmark
    public void enabledThreeArgs() {
        logger.info(MESSAGE, thread, index, value);
    }

    @Benchmark
    public void enabledNumbers() {
        SpoolApiCall.numbers(logger, 3, counter++ & 0xFFFFF);
    }

    @Benchmark
    public void enabledLong() {
        logger.info("took {} ms", LARGE + numbers++);
    }

    @Benchmark
    public void enabledLongBoxedByCaller() {
        logger.info("took {} ms", (Object) (LARGE + numbers++));
    }

    @Benchmark
    public void enabledDouble() {
        logger.info("ratio {}", (numbers++) * 0.37);
    }

    /** A double of two decimals (a price, a percentage): the short-decimal path, not the JDK's digits. */
    @Benchmark
    public void enabledDecimal() {
        logger.info("ratio {}", (numbers++ & 0xFFFFF) / 100.0);
    }

    @Benchmark
    public void enabledDoubleBoxedByCaller() {
        logger.info("ratio {}", (Object) ((numbers++) * 0.37));
    }

    @Benchmark
    public void enabledThreeArgsUnboxed() {
        long n = numbers++;
        logger.atInfo().arg(thread).arg(LARGE + n).arg(n * 0.37).log(MESSAGE);
    }
}
