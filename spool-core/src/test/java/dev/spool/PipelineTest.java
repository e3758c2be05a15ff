package dev.spool;

import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest {

    private static final int THREADS = 8;
    private static final int EVENTS = 5_000;

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    static SpoolConfig.Builder config(CapturingSink sink, int capacity, OverflowPolicy policy) {
        return SpoolConfig.builder().name("test").shutdownHook(false).jmx(false).queueCapacity(capacity)
                .destination("capture", sink.factory())
                .route(new RouteConfig("root", "", Level.TRACE,
                        List.of(new RouteConfig.Target("capture", Level.TRACE)), true, policy));
    }

    /** Each of THREADS threads logs EVENTS events, alternating INFO and ERROR; returns when all are done. */
    static void logFromThreads(String loggerName) throws InterruptedException {
        Logger log = Spool.logger(loggerName);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < EVENTS; i++) {
                    if (i % 2 == 0) {
                        log.info("t{} {}", id, i);
                    } else {
                        log.error("t{} {}", id, i);
                    }
                }
            }, "producer-" + t);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asserts that each producer's written events appear in the order it logged them. */
    static void assertPerThreadOrder(List<Captured> events) {
        Map<String, Integer> last = new HashMap<>();
        for (Captured e : events) {
            String[] parts = e.message().split(" ");
            int seq = Integer.parseInt(parts[1]);
            Integer previous = last.put(parts[0], seq);
            assertThat(previous == null || previous < seq)
                    .as("thread %s logged %d after %d", parts[0], seq, previous).isTrue();
        }
    }

    static void assertAccounting(PipelineStats s, long expectedAccepted, int written) {
        assertThat(s.accepted()).isEqualTo(expectedAccepted);
        assertThat(s.accepted()).isEqualTo(s.written() + s.droppedTotal() + s.pending());
        assertThat(s.pending()).isZero();
        assertThat(s.written()).isEqualTo(written);
    }

    @Nested
    class OverflowPolicies {

        @Test
        void blockWritesEveryEventInPerThreadOrder() throws Exception {
            CapturingSink sink = new CapturingSink();
            Spool.configure(config(sink, 64, OverflowPolicy.BLOCK).build());
            logFromThreads("block");
            assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
            List<Captured> events = sink.events();
            assertThat(events).hasSize(THREADS * EVENTS);
            assertPerThreadOrder(events);
            assertAccounting(Spool.stats(), THREADS * EVENTS, THREADS * EVENTS);
            assertThat(Spool.stats().droppedTotal()).isZero();
        }

        @Test
        void dropDropsNewestAndCountsWhenFull() throws Exception {
            CapturingSink sink = new CapturingSink().hold();
            Spool.configure(config(sink, 16, OverflowPolicy.DROP).build());
            Spool.logger("drop").info("t0 -1");       // the writer takes this one and is held in write()
            sink.awaitFirstWrite();
            logFromThreads("drop");                    // the queue fills: most of these are dropped
            sink.open();
            assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
            PipelineStats s = Spool.stats();
            List<Captured> events = sink.events();
            assertAccounting(s, THREADS * EVENTS + 1, events.size());
            assertThat(s.dropped(DropReason.QUEUE_FULL)).isPositive();
            assertPerThreadOrder(events);
        }

        @Test
        void dropBelowDropsOnlyLowerLevelsWhenFull() throws Exception {
            CapturingSink sink = new CapturingSink().hold();
            Spool.configure(config(sink, 16, OverflowPolicy.dropBelow(Level.ERROR)).build());
            Spool.logger("below").error("t0 -1");
            sink.awaitFirstWrite();
            Thread opener = new Thread(() -> awaitFullThenOpen(sink));
            opener.start();
            logFromThreads("below");
            opener.join();
            assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
            PipelineStats s = Spool.stats();
            List<Captured> events = sink.events();
            assertAccounting(s, THREADS * EVENTS + 1, events.size());
            long errors = events.stream().filter(e -> e.level() == Level.ERROR).count();
            assertThat(errors).as("every ERROR blocks instead of dropping").isEqualTo(THREADS * EVENTS / 2 + 1);
            assertThat(s.dropped(DropReason.QUEUE_FULL)).isPositive()
                    .isEqualTo(THREADS * EVENTS / 2 - events.stream().filter(e -> e.level() == Level.INFO).count());
            assertPerThreadOrder(events);
        }

        @Test
        void syncFallbackWritesErrorsOnTheCallerAndDropsTheRest() throws Exception {
            CapturingSink sink = new CapturingSink().hold();
            Spool.configure(config(sink, 16, OverflowPolicy.SYNC_FALLBACK).build());
            Spool.logger("sync").error("t0 -1");
            sink.awaitFirstWrite();
            Thread opener = new Thread(() -> awaitFullThenOpen(sink));
            opener.start();
            logFromThreads("sync");
            opener.join();
            assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
            PipelineStats s = Spool.stats();
            List<Captured> events = sink.events();
            assertAccounting(s, THREADS * EVENTS + 1, events.size());
            long errors = events.stream().filter(e -> e.level() == Level.ERROR).count();
            assertThat(errors).isEqualTo(THREADS * EVENTS / 2 + 1);
            assertThat(s.dropped(DropReason.QUEUE_FULL)).isPositive();
            assertPerThreadOrder(events);
        }

        private void awaitFullThenOpen(CapturingSink sink) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> Spool.stats().pending() >= 16 || Spool.stats().droppedTotal() > 0);
            sink.open();
        }
    }

    @Nested
    class FlushAndShutdown {

        @Test
        void flushReturnsAfterEverythingLoggedBeforeIsWritten() {
            CapturingSink sink = new CapturingSink();
            Spool.configure(config(sink, 1024, OverflowPolicy.BLOCK).build());
            Logger log = Spool.logger("flush");
            for (int i = 0; i < 10_000; i++) {
                log.info("t0 {}", i);
                if (i % 1000 == 999) {
                    assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
                    assertThat(sink.events()).hasSize(i + 1);
                }
            }
        }

        @Test
        void shutdownDrainsClosesAndCountsLaterEvents() {
            CapturingSink sink = new CapturingSink();
            Spool.configure(config(sink, 1024, OverflowPolicy.BLOCK).build());
            Logger log = Spool.logger("shutdown");
            for (int i = 0; i < 5_000; i++) {
                log.info("t0 {}", i);
            }
            PipelineStats atShutdown = Spool.shutdown(Duration.ofSeconds(10));
            assertThat(sink.events()).hasSize(5_000);
            assertThat(sink.isClosed()).isTrue();
            assertThat(atShutdown.written()).isEqualTo(5_000);
            log.info("late");
            log.atError().kv("k", 1).log("late too");
            PipelineStats after = Spool.stats();
            assertThat(after.dropped(DropReason.AFTER_SHUTDOWN)).isEqualTo(2);
            assertThat(after.accepted()).isEqualTo(after.written() + after.droppedTotal() + after.pending());
            assertThat(sink.events()).hasSize(5_000);
        }

        @Test
        void shutdownWithAStuckDestinationReportsWhatWasNotWritten() throws Exception {
            CapturingSink sink = new CapturingSink().hold();
            Spool.configure(config(sink, 64, OverflowPolicy.DROP).build());
            Logger log = Spool.logger("stuck");
            log.info("t0 0");
            sink.awaitFirstWrite();
            for (int i = 1; i <= 10; i++) {
                log.info("t0 {}", i);
            }
            PipelineStats s = Spool.shutdown(Duration.ofMillis(200));
            assertThat(s.accepted()).isEqualTo(11);
            assertThat(s.written() + s.pending() + s.droppedTotal()).isEqualTo(11);
            assertThat(s.written()).isZero();
            sink.open(); // let the writer finish so the test leaves nothing behind
        }

        @Test
        void reconfigureMovesLoggersWithoutLosingEvents() throws Exception {
            CapturingSink first = new CapturingSink();
            CapturingSink second = new CapturingSink();
            Spool.configure(config(first, 64, OverflowPolicy.BLOCK).build());
            AtomicBoolean stop = new AtomicBoolean();
            Logger log = Spool.logger("swap");
            Thread producer = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    log.info("t0 {}", i++);
                }
                for (int more = 0; more < 100; more++) { // after the swap returned: these go to the new pipeline
                    log.info("t0 {}", i++);
                }
            });
            producer.start();
            org.awaitility.Awaitility.await().until(() -> first.events().size() > 100);
            Spool.configure(config(second, 64, OverflowPolicy.BLOCK).name("second").build());
            stop.set(true);
            producer.join();
            Spool.flush(Duration.ofSeconds(10));
            List<Captured> all = new ArrayList<>(first.events());
            all.addAll(second.events());
            assertThat(second.events()).isNotEmpty();
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).message()).isEqualTo("t0 " + i);
            }
        }
    }

    @Nested
    class FailingDestinations {

        @Test
        void aThrowingDestinationIsCountedAndTheOthersStillWrite() {
            CapturingSink bad = new CapturingSink();
            bad.failWith(new IllegalStateException("broken on purpose"));
            CapturingSink good = new CapturingSink();
            Spool.configure(SpoolConfig.builder().name("test").shutdownHook(false).jmx(false).queueCapacity(256)
                    .destination("bad", bad.factory()).destination("good", good.factory())
                    .route("root", "", Level.INFO, "bad", "good").build());
            Logger log = Spool.logger("fail");
            for (int i = 0; i < 1000; i++) {
                log.info("t0 {}", i); // never throws into the caller
            }
            Spool.flush(Duration.ofSeconds(10));
            assertThat(good.events()).hasSize(1000);
            DestinationStats badStats = Spool.stats().destinations().stream()
                    .filter(d -> d.name().equals("bad")).findFirst().orElseThrow();
            assertThat(badStats.failed()).isEqualTo(1000);
            assertThat(badStats.errors()).isEqualTo(1000);
            assertThat(badStats.lastError()).contains("broken on purpose");

            bad.failWith(null); // recovered
            log.info("t0 1000");
            Spool.flush(Duration.ofSeconds(10));
            assertThat(bad.events()).extracting(Captured::message).containsExactly("t0 1000");
        }

        @Test
        void aDestinationThatLogsFromTheWriterThreadCannotDeadlock() {
            AtomicReference<Logger> inner = new AtomicReference<>();
            CapturingSink sink = new CapturingSink() ;
            dev.spool.spi.Sink loggingSink = new dev.spool.spi.Sink() {
                @Override public void write(dev.spool.spi.LogEvent event) throws java.io.IOException {
                    sink.write(event);
                    if (!event.logger().equals("inner")) {
                        inner.get().info("t9 {}", 1); // a destination that logs, e.g. a JDBC driver
                    }
                }
                @Override public void flush() { }
                @Override public void close() { }
            };
            Spool.configure(SpoolConfig.builder().name("test").shutdownHook(false).jmx(false).queueCapacity(16)
                    .destination("logging", ctx -> loggingSink).route("root", "", Level.INFO, "logging").build());
            inner.set(Spool.logger("inner"));
            Logger log = Spool.logger("outer");
            for (int i = 0; i < 2_000; i++) {
                log.info("t0 {}", i);
            }
            assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
            PipelineStats s = Spool.stats();
            assertThat(s.accepted()).isEqualTo(s.written() + s.droppedTotal() + s.pending());
            long outer = sink.events().stream().filter(e -> e.logger().equals("outer")).count();
            assertThat(outer).isEqualTo(2_000);
            assertThat(s.dropped(DropReason.WRITER_REENTRY) + sink.events().size() - outer).isEqualTo(2_000);
        }
    }

    @Test
    void anOversizedMessageIsCutAtTheLimitAndMarked() {
        CapturingSink sink = new CapturingSink();
        Spool.configure(config(sink, 64, OverflowPolicy.BLOCK).maxMessageChars(100).build());
        Spool.logger("big").info("{}", "x".repeat(99) + "\uD83D\uDE00" + "y".repeat(1000));
        Spool.logger("big").info("{}", "z".repeat(100));
        Spool.flush(Duration.ofSeconds(5));
        assertThat(sink.events().get(0).message())
                .as("cut before the surrogate pair, never inside it")
                .isEqualTo("x".repeat(99) + "...[truncated 1002 chars]");
        assertThat(sink.events().get(1).message()).isEqualTo("z".repeat(100));
    }

    @Test
    void statsStayExactlyConsistentWhileProducersRun() throws Exception {
        CapturingSink sink = new CapturingSink();
        Spool.configure(config(sink, 32, OverflowPolicy.DROP).build());
        AtomicBoolean done = new AtomicBoolean();
        List<String> violations = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                PipelineStats s = Spool.stats();
                if (s.accepted() != s.written() + s.droppedTotal() + s.pending() || s.pending() < 0) {
                    violations.add(s.toString());
                }
            }
        });
        reader.start();
        logFromThreads("stats");
        done.set(true);
        reader.join();
        Spool.flush(Duration.ofSeconds(10));
        assertThat(violations).isEmpty();
        assertAccounting(Spool.stats(), THREADS * EVENTS, sink.events().size());
    }
}
