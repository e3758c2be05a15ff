package dev.spool.log4j;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.testkit.Allocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.LogManager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A property of the Log4j API path, not a timing: once warm, a plain two-argument call allocates nothing
 * on the calling thread (the writer thread is not measured).
 */
class Log4jPlainCallAllocationTest {

    private static final int WARM_UP_CALLS = 300_000;
    private static final int MEASURED_CALLS = 100_000;
    private static final long ALLOWED_BYTES = 64 * 1024;

    /** Counts events and drops them: nothing it does shows up on the logging thread. */
    static final class NullSink implements Sink {
        final AtomicLong written = new AtomicLong();

        @Override public void write(LogEvent event) { written.incrementAndGet(); }
        @Override public void flush() { }
        @Override public void close() { }
    }

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    @Test
    void twoArgumentInfoAllocatesNothingOnTheCallingThreadOnceWarm() {
        assumeTrue(Allocation.measurable(), "this JVM cannot measure per-thread allocation");
        NullSink sink = new NullSink();
        Spool.configure(SpoolConfig.builder().name("allocation").shutdownHook(false).jmx(false)
                .destination("null", context -> sink).route("root", "", Level.TRACE, "null").build());
        Logger log = LogManager.getLogger("alloc.plain");
        String s1 = "first";
        String s2 = "second";

        logMany(log, s1, s2, WARM_UP_CALLS);
        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        List<Long> rounds = Allocation.rounds(ALLOWED_BYTES, () -> logMany(log, s1, s2, MEASURED_CALLS));

        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(sink.written).hasValue(WARM_UP_CALLS + (long) MEASURED_CALLS * rounds.size());
        assertThat(Allocation.last(rounds)).as("bytes allocated by %d calls, the last of the rounds %s", MEASURED_CALLS, rounds)
                .isLessThan(ALLOWED_BYTES);
    }

    private static void logMany(Logger log, String s1, String s2, int calls) {
        for (int i = 0; i < calls; i++) {
            log.info("a {} b {}", s1, s2);
        }
    }
}
