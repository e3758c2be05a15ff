package dev.spool.bench.jmh;

import dev.spool.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * Events per second through the queue to the writer thread with one, two and four producers, a constant
 * message and a destination that does nothing: the hand-off itself, with the block policy in force, so
 * producers that outrun the writer wait for it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueueHandoffBenchmark {

    private Logger logger;

    @Setup(Level.Trial)
    public void start() {
        logger = SpoolUnderTest.start(context -> new NullSink());
    }

    @TearDown(Level.Trial)
    public void stop() {
        SpoolUnderTest.stop();
    }

    @Benchmark
    @Threads(1)
    public void oneProducer() {
        logger.info("hand-off");
    }

    @Benchmark
    @Threads(2)
    public void twoProducers() {
        logger.info("hand-off");
    }

    @Benchmark
    @Threads(4)
    public void fourProducers() {
        logger.info("hand-off");
    }
}
