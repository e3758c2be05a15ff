package dev.spool;

import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.support.Diagnostics;
import dev.spool.testkit.Allocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
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
        // Rounds until one is under 1 KB for its 800,000 calls: a round that overlaps a JIT transition may
        // allocate a few hundred bytes that are not per call (seen in CI: 1,128); one object per call
        // would be 12.8 MB in every round.
        List<Long> rounds = Allocation.rounds(1024, () -> disabledCalls(log, boxed));
        assertThat(Allocation.last(rounds)).as("bytes of each round: %s", rounds).isLessThan(1024);
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
        // On a loaded 2-core machine a round can run partly in code the JIT has just thrown away and not yet
        // recompiled, which allocates what compiled code does not; so rounds run until one is under the
        // budget on both threads. An allocation per event (>= 16 bytes) is in every round and still fails.
        List<String> rounds = new ArrayList<>();
        boolean under = false;
        for (int round = 0; round < 5 && !under; round++) {
            long callerBefore = allocated(Thread.currentThread().getId());
            long writerBefore = allocated(writerThreadId.get());
            for (int i = 0; i < EVENTS; i++) {
                log.info("Thread {} log {}", thread, boxed[i]);
            }
            Spool.flush(Duration.ofSeconds(10));
            long caller = allocated(Thread.currentThread().getId()) - callerBefore;
            long writer = allocated(writerThreadId.get()) - writerBefore;
            rounds.add("caller " + caller + " B, writer " + writer + " B");
            // Under half a byte per event leaves room for what is not per event: clock recalibration once
            // a second, a rate-limited high-water report, JIT transitions.
            under = caller < EVENTS / 2 && writer < EVENTS / 2;
        }
        assertThat(under).as("a round of %d events under %d bytes on caller and writer; rounds: %s",
                EVENTS, EVENTS / 2, rounds).isTrue();
        assertThat(Spool.stats().written()).isEqualTo((1L + rounds.size()) * EVENTS);
    }

    /**
     * A thread that logs patterns of one length and first char in turn (one bucket of its pattern plans,
     * docs/decisions/pattern-plan.md), and more patterns than it has buckets, allocates nothing per event:
     * a table that replaced one plan by another would make a new plan every other call.
     */
    @Test
    void patternsThatShareAPlanBucketOrOutnumberThemAllocateNothingPerEvent() {
        configure();
        Logger log = Spool.logger("alloc.patterns");
        String[] patterns = new String[40];
        for (int p = 0; p < patterns.length; p++) {
            patterns[p] = (p < 2 ? "a {} " + (char) ('b' + p) : "pattern " + p + " {}").intern();
        }
        Integer[] boxed = new Integer[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            boxed[i] = i;
        }
        for (int round = 0; round < 2; round++) { // warm up, and every pattern seen twice in a row
            for (int i = 0; i < EVENTS; i++) {
                log.info(patterns[(i / 2) % patterns.length], boxed[i]);
            }
        }
        Spool.flush(Duration.ofSeconds(10));
        List<String> rounds = new ArrayList<>();
        boolean under = false;
        for (int round = 0; round < 5 && !under; round++) {
            long before = allocated(Thread.currentThread().getId());
            for (int i = 0; i < EVENTS; i++) {
                log.info(patterns[i % 2 == 0 ? 0 : 1], boxed[i]); // the two that share a bucket, in turn
                log.info(patterns[i % patterns.length], boxed[i]);
            }
            Spool.flush(Duration.ofSeconds(10));
            long caller = allocated(Thread.currentThread().getId()) - before;
            rounds.add(caller + " B");
            under = caller < EVENTS / 2;
        }
        assertThat(under).as("a round of %d events under %d bytes; rounds: %s", 2 * EVENTS, EVENTS / 2, rounds).isTrue();
    }

    /**
     * A producer that finds the queue past its high-water mark reports it at every sample (8 a lap), and
     * all but one report in ten seconds are suppressed: those allocate nothing. The queue here is held
     * past the mark by a writer that waits for the test's permits.
     */
    @Test
    void aProducerThatFindsTheQueueDeepAllocatesNothingWhileItsReportIsSuppressed() {
        Semaphore permits = new Semaphore(0);
        AtomicLong written = new AtomicLong();
        Sink gated = new Sink() {
            @Override public void write(LogEvent event) {
                permits.acquireUninterruptibly();
                written.incrementAndGet();
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        ByteArrayOutputStream reports = new ByteArrayOutputStream();
        PrintStream previous = Diagnostics.redirect(new PrintStream(reports, true, StandardCharsets.UTF_8));
        try {
            Spool.configure(SpoolConfig.builder().name("deep").shutdownHook(false).jmx(false).queueCapacity(64)
                    .maxBatch(8).highWaterMark(0.25).destination("gated", ctx -> gated).route("root", "", Level.INFO, "gated")
                    .build());
            Logger log = Spool.logger("alloc.deep");
            Integer boxed = 1_000_000;
            // The writer frees slots after each batch of at most 8, so a round's 40 events and the 8 of the last
            // round it may still hold fit in the 64 slots (no producer waits), and its depth passes the
            // high-water depth of 16 at three of its samples.
            int perRound = 40;
            int rounds = 2_000;
            deepRounds(log, boxed, permits, written, perRound, rounds); // warm up: JIT
            long before = allocated(Thread.currentThread().getId());
            deepRounds(log, boxed, permits, written, perRound, rounds);
            long caller = allocated(Thread.currentThread().getId()) - before;

            assertThat(reports.toString(StandardCharsets.UTF_8)).as("the high-water report was reached")
                    .contains("queue of pipeline 'deep' is");
            assertThat(caller).as("caller bytes for %d events logged into a deep queue", perRound * rounds)
                    .isLessThan(perRound * rounds / 2);
        } finally {
            permits.release(1_000_000); // a failed round must not leave the writer waiting at shutdown
            Diagnostics.redirect(previous);
        }
    }

    private static void deepRounds(Logger log, Integer boxed, Semaphore permits, AtomicLong written, int perRound,
                                   int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < perRound; i++) {
                log.info("deep {} {}", boxed, boxed);
            }
            long target = written.get() + perRound;
            permits.release(perRound);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (written.get() < target) { // spins: parking or a latch would allocate on this thread
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the writer wrote " + written.get() + " of " + target + " events in 10 s");
                }
                Thread.onSpinWait();
            }
        }
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
