package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.OverflowPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WriterLoopTest {

    private final Parts parts = new Parts(64, OverflowPolicy.BLOCK);
    private final WriterLoop loop = new WriterLoop(parts.ring, parts.writer, 16);
    private final Thread thread = new Thread(loop, "writer-loop-test");

    WriterLoopTest() {
        parts.ring.attachWriter(thread);
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.stopAccepting(Duration.ofSeconds(5));
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void writesInBatchesOfAtMostMaxBatchAndWakesFlushWaiters() {
        parts.sink.hold(); // everything below queues up behind the first event
        thread.start();
        for (int i = 0; i < 40; i++) {
            parts.log(Level.INFO, Integer.toString(i));
        }
        parts.sink.open();
        assertThat(parts.flushWaiters.await(40, Duration.ofSeconds(10))).isTrue();
        assertThat(parts.written()).hasSize(40).startsWith("0").endsWith("39");
        assertThat(parts.writer.batches()).as("40 events in batches of at most 16").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aParkedWriterWakesForTheNextEvent() {
        thread.start();
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> thread.getState() == Thread.State.TIMED_WAITING); // idle: parked for up to 100 ms
        parts.log(Level.INFO, "wake");
        assertThat(parts.flushWaiters.await(1, Duration.ofMillis(90))).as("woken, not waiting out its park").isTrue();
    }

    @Test
    void drainsWhatIsQueuedAfterStopAcceptingThenClosesTheDestinations() throws InterruptedException {
        for (int i = 0; i < 30; i++) {
            parts.log(Level.INFO, Integer.toString(i));
        }
        thread.start();
        assertThat(loop.stopAccepting(Duration.ofSeconds(10))).isTrue();
        assertThat(loop.stopAccepting(Duration.ofSeconds(10))).as("only the first call stops it").isFalse();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(parts.written()).hasSize(30);
        assertThat(parts.sink.isClosed()).isTrue();
        assertThat(parts.writer.timeoutDropped()).isZero();
    }

    @Test
    void givesUpAtTheDeadlineOnASlotThatIsNeverPublishedAndCountsTheRest() throws InterruptedException {
        parts.log(Level.INFO, "0");
        parts.log(Level.INFO, "1");
        parts.ring.tryClaim(); // a producer that claimed and never published
        parts.log(Level.INFO, "3");
        thread.start();
        loop.stopAccepting(Duration.ZERO);
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
        assertThat(parts.written()).containsExactly("0", "1");
        assertThat(parts.writer.timeoutDropped()).isEqualTo(2);
        assertThat(parts.sink.isClosed()).isTrue();
    }

    @Test
    void napsAfterASmallBatchOnARingOfAtLeast1024SlotsAndNeverWhenClosing() {
        Parts big = new Parts(4096, OverflowPolicy.BLOCK);
        WriterLoop bigLoop = new WriterLoop(big.ring, big.writer, 1024);
        assertThat(bigLoop.napsAfter(1)).isTrue();
        assertThat(bigLoop.napsAfter(255)).isTrue();
        assertThat(bigLoop.napsAfter(256)).isFalse();
        assertThat(bigLoop.napsAfter(1024)).as("a full batch: more are waiting").isFalse();
        assertThat(new WriterLoop(big.ring, big.writer, 100).napsAfter(100)).as("a batch of maxBatch").isFalse();
        assertThat(new WriterLoop(big.ring, big.writer, 100).napsAfter(99)).isTrue();
        assertThat(loop.napsAfter(1)).as("a 64-slot ring fills while the writer naps").isFalse();
        big.ring.close();
        assertThat(bigLoop.napsAfter(1)).as("closing: the drain goes on without naps").isFalse();
    }

    @Test
    void aWriterThatNapsAfterEachSmallBatchStillWritesEveryEventAndWakesEachFlush() throws InterruptedException {
        Parts big = new Parts(4096, OverflowPolicy.BLOCK);
        WriterLoop bigLoop = new WriterLoop(big.ring, big.writer, 1024);
        Thread writer = new Thread(bigLoop, "writer-loop-nap-test");
        big.ring.attachWriter(writer);
        writer.start();
        try {
            for (int i = 0; i < 500; i++) { // one event at a time: every batch is small, so a nap follows each
                big.log(Level.INFO, Integer.toString(i));
                assertThat(big.flushWaiters.await(i + 1, Duration.ofSeconds(10))).as("event %d", i).isTrue();
            }
            assertThat(big.written()).hasSize(500).startsWith("0").endsWith("499");
        } finally {
            bigLoop.stopAccepting(Duration.ofSeconds(5));
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(writer.isAlive()).isFalse();
    }
}
