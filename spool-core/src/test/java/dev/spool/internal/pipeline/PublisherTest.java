package dev.spool.internal.pipeline;

import dev.spool.DropReason;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.Resource;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherTest {

    /** Fills the ring with events "0" to "15"; nothing drains it. */
    private static void fill(Parts parts) {
        for (int i = 0; i < 16; i++) {
            parts.log(Level.INFO, Integer.toString(i));
        }
    }

    @Test
    void aLoggedEventIsFilledFromTheCallerAndPublished() {
        Parts parts = new Parts(16, OverflowPolicy.BLOCK);
        assertThat(parts.log(Level.WARN, "paid")).isTrue();
        Slot slot = parts.ring.published(0);
        assertThat(slot).isNotNull();
        assertThat(slot.level).isEqualTo(Level.WARN);
        assertThat(slot.logger).isEqualTo("app");
        assertThat(slot.message.toString()).isEqualTo("paid");
        assertThat(slot.threadName()).isEqualTo(Thread.currentThread().getName());
        assertThat(slot.resource).isEqualTo(parts.config.resource());
        assertThat(slot.hasId).as("the writer assigns the id").isFalse();
    }

    @Test
    void aMetricAndAnEventMadeElsewhereTakeTheSamePath() {
        Parts parts = new Parts(16, OverflowPolicy.BLOCK);
        parts.routes.resolve("metrics.rps").metric("rps", 12.5, "1/s", null);
        Resource remote = new Resource("worker", "host-b", 7);
        parts.publisher.ingest(TestEvent.event().id(EventId.high(5), 9).resource(remote).message("far"),
                parts.routes.cached("w"), true);
        parts.writer.drain(10);
        assertThat(parts.written()).containsExactly("rps=12.5 1/s", "far");
        CapturingSink.Captured far = parts.sink.events().get(1);
        assertThat(far.id()).isEqualTo(EventId.toString(EventId.high(5), 9));
    }

    @Test
    void dropCountsTheEventAndTellsTheCallerItWasTaken() {
        Parts parts = new Parts(16, OverflowPolicy.DROP);
        fill(parts);
        assertThat(parts.log(Level.ERROR, "late")).as("dropped, not refused").isTrue();
        assertThat(parts.publisher.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
        assertThat(parts.ring.claimed()).isEqualTo(16);
    }

    @Test
    void syncFallbackWritesWhatIsQueuedThenTheEventOnTheCaller() {
        Parts parts = new Parts(16, OverflowPolicy.SYNC_FALLBACK);
        fill(parts);
        assertThat(parts.log(Level.ERROR, "sync")).isTrue();
        assertThat(parts.log(Level.INFO, "queued")).isTrue();
        assertThat(parts.written()).as("nothing drained the ring: the caller wrote the queued events first")
                .hasSize(17).endsWith("15", "sync");
        assertThat(parts.writer.syncWritten()).isEqualTo(1);
        assertThat(parts.publisher.dropped(DropReason.QUEUE_FULL)).as("the ring had room again").isZero();
        assertThat(parts.ring.published(16).message.toString()).isEqualTo("queued");
    }

    @Test
    void aClosedRingRefusesWithoutCountingSoTheCallerCanRetryElsewhere() {
        Parts parts = new Parts(16, OverflowPolicy.BLOCK);
        parts.ring.close();
        assertThat(parts.log(Level.INFO, "late")).isFalse();
        for (DropReason reason : DropReason.values()) {
            assertThat(parts.publisher.dropped(reason)).isZero();
        }
        parts.routes.resolve("app").countAfterShutdown();
        assertThat(parts.publisher.dropped(DropReason.AFTER_SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void anOversizedMessageIsCutAndMarked() {
        Parts parts = new Parts(16, OverflowPolicy.BLOCK);
        String big = "x".repeat(parts.config.maxMessageChars() + 10);
        parts.log(Level.INFO, big);
        assertThat(parts.ring.published(0).message.toString()).endsWith("...[truncated 10 chars]");
    }
}
