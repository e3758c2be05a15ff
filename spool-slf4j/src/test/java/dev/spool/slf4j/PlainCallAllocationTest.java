package dev.spool.slf4j;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.testkit.Allocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A property of the SLF4J path, not a timing: once warm, a call allocates nothing on the calling thread
 * beyond what the caller's own code allocates (its varargs array and boxes, made up front here), the
 * fluent API included. The writer thread is not measured.
 */
class PlainCallAllocationTest {

    private static final int WARM_UP_CALLS = 300_000;
    private static final int MEASURED_CALLS = 100_000;
    private static final long ALLOWED_BYTES = 64 * 1024; // under 0.7 byte per call: no object per call

    /** Counts events and drops them: nothing it does shows up on the logging thread. */
    static final class NullSink implements Sink {
        final AtomicLong written = new AtomicLong();

        @Override public void write(LogEvent event) { written.incrementAndGet(); }
        @Override public void flush() { }
        @Override public void close() { }
    }

    private final NullSink sink = new NullSink();
    private final String s1 = "first";
    private final String s2 = "second";
    private final Object[] three = {"first", 1_000_000L, 2.5}; // the caller's varargs array, made once
    private final Long boxed = 1_000_000L;
    private final IllegalStateException failure = new IllegalStateException("boom");
    private final Marker marker = MarkerFactory.getMarker("AUDIT");

    @BeforeEach
    void configure() {
        assumeTrue(Allocation.measurable(), "this JVM cannot measure per-thread allocation");
        Spool.configure(SpoolConfig.builder().name("allocation").shutdownHook(false).jmx(false)
                .destination("null", context -> sink).route("root", "", Level.TRACE, "null").build());
    }

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    @Test
    void oneArgument() {
        assertNothingAllocated(log -> log.info("a {}", s1));
    }

    @Test
    void twoArgumentInfoAllocatesNothingOnTheCallingThreadOnceWarm() {
        assertNothingAllocated(log -> log.info("a {} b {}", s1, s2));
    }

    @Test
    void threeArgumentsBeyondTheCallersArray() {
        assertNothingAllocated(log -> log.info("a {} b {} c {}", three));
    }

    @Test
    void aThrowableAloneAndAfterAnArgument() {
        assertNothingAllocated(log -> {
            log.warn("failed", failure);
            log.warn("failed {}", s1, failure);
        });
    }

    @Test
    void aMarker() {
        assertNothingAllocated(log -> log.info(marker, "a {} b {}", s1, boxed));
    }

    /**
     * The fluent API: SLF4J's own builder allocates by itself (the builder, the event, its lists, a pair per
     * key/value), measured here through a logger that only keeps the event; Spool's builder replaces it and
     * allocates nothing at all.
     */
    @Test
    void fluentKeyValuesAllocateNothingWhereSlf4jsOwnBuilderDoes() {
        Logger spool = LoggerFactory.getLogger("alloc.fluent");
        Logger keeper = new EventKeeper();
        for (int i = 0; i < 3; i++) {
            fluent(keeper, WARM_UP_CALLS);
            fluent(spool, WARM_UP_CALLS);
        }
        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        long slf4j = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the least of a few runs
            long before = Allocation.allocatedBytes();
            fluent(keeper, MEASURED_CALLS);
            slf4j = Math.min(slf4j, Allocation.allocatedBytes() - before);
        }
        long eventsBefore = sink.written.get();
        List<Long> rounds = Allocation.rounds(ALLOWED_BYTES, () -> fluent(spool, MEASURED_CALLS));
        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();

        assertThat(slf4j).as("SLF4J's own bytes per fluent call").isGreaterThan(16L * MEASURED_CALLS);
        assertThat(sink.written.get() - eventsBefore).isEqualTo((long) MEASURED_CALLS * rounds.size());
        assertThat(Allocation.last(rounds)).as("bytes of %d fluent calls through Spool, SLF4J's own builder's being %d; rounds %s",
                MEASURED_CALLS, slf4j, rounds).isLessThan(ALLOWED_BYTES);
        System.out.printf("fluent call: SLF4J's own builder %.1f B, Spool's %.1f B (rounds %s)%n",
                (double) slf4j / MEASURED_CALLS, (double) Allocation.last(rounds) / MEASURED_CALLS, rounds);
    }

    @Test
    void fluentCallWithAMarker() {
        assertNothingAllocated(log -> log.atWarn().addMarker(marker).addKeyValue("user", s1).log("a {}", boxed));
    }

    private void fluent(Logger log, int calls) {
        for (int i = 0; i < calls; i++) {
            log.atInfo().addKeyValue("user", s1).addKeyValue("n", boxed).addArgument(s2).setCause(failure)
                    .log("fluent {} {}", boxed);
        }
    }

    private void assertNothingAllocated(Consumer<Logger> call) {
        Logger log = LoggerFactory.getLogger("alloc.plain");
        long eventsBefore = sink.written.get();
        logMany(log, call, WARM_UP_CALLS);
        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        long warmEvents = sink.written.get() - eventsBefore;
        List<Long> rounds = Allocation.rounds(ALLOWED_BYTES, () -> logMany(log, call, MEASURED_CALLS));

        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(warmEvents).isPositive();
        assertThat(sink.written.get() - eventsBefore).isEqualTo(warmEvents / WARM_UP_CALLS * (WARM_UP_CALLS
                + (long) MEASURED_CALLS * rounds.size()));
        assertThat(Allocation.last(rounds)).as("bytes allocated by %d calls, the last of the rounds %s", MEASURED_CALLS, rounds)
                .isLessThan(ALLOWED_BYTES);
    }

    private static void logMany(Logger log, Consumer<Logger> call, int calls) {
        for (int i = 0; i < calls; i++) {
            call.accept(log);
        }
    }

    /** SLF4J's own fluent path and nothing more: the builder hands the event here, which keeps it. */
    private static final class EventKeeper extends LegacyAbstractLogger implements LoggingEventAware {
        private static final long serialVersionUID = 1L;
        volatile LoggingEvent last;

        EventKeeper() {
            name = "keeper";
        }

        @Override public void log(LoggingEvent event) { last = event; }
        @Override protected String getFullyQualifiedCallerName() { return null; }
        @Override protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String msg,
                                                             Object[] arguments, Throwable throwable) { }
        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isErrorEnabled() { return true; }
    }
}
