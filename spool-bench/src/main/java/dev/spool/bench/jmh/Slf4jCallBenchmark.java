package dev.spool.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * One enabled call through SLF4J 2 with Spool's provider, into a destination that does nothing: three
 * arguments boxed once in the state, so the only allocation the caller cannot avoid is SLF4J's varargs
 * {@code Object[3]}. Its allocation per operation is judged against that array's size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Slf4jCallBenchmark {

    private final Object thread = Integer.valueOf(3);
    private final Object index = Integer.valueOf(123_456);
    private final Object value = Integer.valueOf(42);
    private Logger logger;

    @Setup(Level.Trial)
    public void start() {
        SpoolUnderTest.start(context -> new NullSink());
        logger = LoggerFactory.getLogger("bench.Jmh");
        if (!logger.getClass().getName().startsWith("dev.spool.")) {
            throw new IllegalStateException("SLF4J is not bound to Spool's provider: " + logger.getClass().getName());
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        SpoolUnderTest.stop();
    }

    @Benchmark
    public void enabledThreeArgs() {
        logger.info("Thread {} log {} value={}", thread, index, value);
    }

    /** The end-to-end {@code kv} shape's call, through SLF4J's fluent API: Spool's builder, 0 B/op. */
    @Benchmark
    public void enabledFluentKeyValues() {
        logger.atInfo().addKeyValue("user", "alice").addKeyValue("attempt", value).log("Thread {} log {}", thread, index);
    }
}
