package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WriterTest {

    private final Parts parts = new Parts(1024, OverflowPolicy.BLOCK);

    private void log(int events) {
        for (int i = 0; i < events; i++) {
            parts.log(Level.INFO, Integer.toString(i));
        }
    }

    @Test
    void drainsAtMostOneBatchInOrderAndFlushesOncePerBatch() {
        log(700);
        assertThat(parts.writer.drain(600)).isEqualTo(600);
        assertThat(parts.sink.flushes()).isEqualTo(1);
        assertThat(parts.writer.drain(600)).isEqualTo(100);
        assertThat(parts.sink.flushes()).isEqualTo(2);
        assertThat(parts.writer.batches()).isEqualTo(2);
        assertThat(parts.written()).hasSize(700).startsWith("0", "1", "2").endsWith("699");
        assertThat(parts.ring.consumed()).isEqualTo(700);
    }

    @Test
    void writesAnEventsThrowableAndThenHoldsItNoLonger() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(parts.routes.resolve("app").log(Level.ERROR, "failed", 0, null, null, null, boom, null)).isTrue();
        assertThat(parts.writer.drain(10)).isEqualTo(1);
        assertThat(parts.sink.events()).extracting(CapturingSink.Captured::throwable).containsExactly(boom);
        assertThat(parts.ring.slot(0).throwable()).as("the drained and freed slot").isNull();
    }

    @Test
    void anEventWrittenOnTheCallerLetsGoOfItsThrowableToo() {
        IllegalStateException boom = new IllegalStateException("boom");
        Slot own = new Slot();
        own.fill(TestEvent.event().message("on the caller").throwable(boom), parts.routes.resolve("app"), false);
        parts.writer.writeOnCaller(own);
        assertThat(parts.sink.events()).extracting(CapturingSink.Captured::throwable).containsExactly(boom);
        assertThat(own.throwable()).isNull();
    }

    @Test
    void anEmptyRingIsNoBatchAndNoFlush() {
        assertThat(parts.writer.drain(100)).isZero();
        assertThat(parts.sink.flushes()).isZero();
        assertThat(parts.writer.batches()).isZero();
    }

    @Test
    void stopsAtASlotClaimedButNotYetPublished() {
        parts.log(Level.INFO, "first");
        long gap = parts.ring.tryClaim(); // a producer between claim and publish
        parts.log(Level.INFO, "third");
        assertThat(parts.writer.drain(100)).isEqualTo(1);
        parts.ring.slot(gap).fill(TestEvent.event().message("second"), parts.routes.resolve("app"), false);
        parts.ring.publish(parts.ring.slot(gap), gap);
        assertThat(parts.writer.drain(100)).isEqualTo(2);
        assertThat(parts.written()).containsExactly("first", "second", "third");
    }

    @Test
    void givesEveryLocalEventItsOwnId() {
        log(3);
        parts.writer.drain(10);
        assertThat(parts.sink.events()).extracting(CapturingSink.Captured::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotEqualTo(dev.spool.EventId.toString(0, 0)));
    }

    @Test
    void tellsFlushWaitersHowFarItWrote() {
        log(5);
        assertThat(parts.flushWaiters.reached(5)).isFalse();
        parts.writer.drain(10);
        assertThat(parts.flushWaiters.await(5, Duration.ZERO)).isTrue();
    }

    @Test
    void finishCountsWhatIsStillQueuedAndClosesTheDestinations() {
        log(5);
        parts.writer.drain(2);
        parts.ring.close();
        parts.writer.finish();
        assertThat(parts.writer.timeoutDropped()).isEqualTo(3);
        assertThat(parts.ring.consumed()).isEqualTo(5);
        assertThat(parts.sink.isClosed()).isTrue();
        assertThat(parts.flushWaiters.await(5, Duration.ofSeconds(5))).as("a finished writer releases waiters, unwritten")
                .isFalse();
    }
}
