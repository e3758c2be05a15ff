package dev.spool;

import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.testkit.Allocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steady-state logging allocates nothing per event: a property measured with the JVM's per-thread
 * allocation counter, not a timing.
 */
class AllocationTest {

    private static final int EVENTS = 200_000;
    private final AtomicLong writerThreadId = new AtomicLong(-1);

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    private static long allocated(long threadId) {
        return Allocation.allocatedBytes(threadId);
    }

    private void configure() {
        Sink nullSink = new Sink() {
            @Override public void write(LogEvent event) {
                writerThreadId.compareAndSet(-1, Thread.currentThread().getId());
                event.message(); // touch it like a format would
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Spool.configure(SpoolConfig.builder().name("alloc").shutdownHook(false).jmx(false).queueCapacity(4096)
                .destination("null", ctx -> nullSink).route("root", "", Level.INFO, "null").build());
    }

    @Test
    void aDisabledLevelAllocatesNothing() {
        configure();
        Logger log = Spool.logger("alloc.disabled");
        Integer boxed = 1_000_000;
        for (int round = 0; round < 3; round++) { // warm up: the same loop as measured, so the JIT has settled
            disabledCalls(log, boxed);
        }
        long before = allocated(Thread.currentThread().getId());
        disabledCalls(log, boxed);
        assertThat(allocated(Thread.currentThread().getId()) - before).isLessThan(1024);
    }

    private static void disabledCalls(Logger log, Integer boxed) {
        for (int i = 0; i < EVENTS; i++) {
            log.debug("Thread {} log {}", boxed, boxed);
            log.atTrace().kv("k", 1L).log("x");
            log.debug("took {} ms", i + (1L << 40));
            log.atTrace().arg(i + (1L << 40)).arg(i * 0.5).log("x {} {}");
        }
    }

    @Test
    void theEnabledPathAllocatesNothingPerEventOnCallerOrWriter() {
        configure();
        Logger log = Spool.logger("alloc.enabled");
        Integer[] boxed = new Integer[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            boxed[i] = i; // boxing is the caller's, done up front so only Spool's allocation is measured
        }
        Integer thread = 7;
        for (int i = 0; i < EVENTS; i++) {
            log.info("Thread {} log {}", thread, boxed[i]); // warm up: JIT, slot builders grown
        }
        Spool.flush(Duration.ofSeconds(10));
        long callerBefore = allocated(Thread.currentThread().getId());
        long writerBefore = allocated(writerThreadId.get());
        for (int i = 0; i < EVENTS; i++) {
            log.info("Thread {} log {}", thread, boxed[i]);
        }
        Spool.flush(Duration.ofSeconds(10));
        long caller = allocated(Thread.currentThread().getId()) - callerBefore;
        long writer = allocated(writerThreadId.get()) - writerBefore;
        // The smallest object is 16 bytes, so any allocation per event would show as >= 16 bytes/event.
        // Under half a byte per event leaves room for what is not per event: clock recalibration once a
        // second, a rate-limited high-water report, JIT transitions.
        assertThat(caller).as("caller bytes for %d events", EVENTS).isLessThan(EVENTS / 2);
        assertThat(writer).as("writer bytes for %d events", EVENTS).isLessThan(EVENTS / 2);
        assertThat(Spool.stats().written()).isEqualTo(2L * EVENTS);
    }

    /**
     * Numbers passed unboxed, through the one-argument overloads and the builder's {@code arg}, allocate
     * nothing on the caller or the writer: no box, no String of the digits.
     */
    @Test
    void numbersPassedUnboxedAllocateNothingPerEventOnCallerOrWriter() {
        configure();
        Logger log = Spool.logger("alloc.numbers");
        for (int round = 0; round < 3; round++) { // warm up: the same loop as measured
            numberCalls(log, round * (long) EVENTS);
        }
        Spool.flush(Duration.ofSeconds(10));
        long writtenBefore = Spool.stats().written();
        long callerBefore = allocated(Thread.currentThread().getId());
        long writerBefore = allocated(writerThreadId.get());
        numberCalls(log, 1L << 40); // large values: Long.valueOf would allocate a box for every one
        Spool.flush(Duration.ofSeconds(10));
        long caller = allocated(Thread.currentThread().getId()) - callerBefore;
        long writer = allocated(writerThreadId.get()) - writerBefore;
        long events = Spool.stats().written() - writtenBefore;
        assertThat(events).isEqualTo(5L * EVENTS);
        assertThat(caller).as("caller bytes for %d events", events).isLessThan(events / 2);
        assertThat(writer).as("writer bytes for %d events", events).isLessThan(events / 2);
    }

    private static void numberCalls(Logger log, long base) {
        for (int i = 0; i < EVENTS; i++) {
            long n = base + i;
            log.info("took {} ms", n);
            log.info("ratio {}", n * 0.37);
            log.info("f={}", (float) n);
            log.info("sep {}", (char) ('a' + (i & 15)));
            log.atInfo().arg("user").arg(n).arg(n * 0.25).log("{} did {} in {} s");
        }
    }
}
