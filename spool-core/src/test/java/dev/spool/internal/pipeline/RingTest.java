package dev.spool.internal.pipeline;

import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RingTest {

    private final Ring ring = new Ring(4);

    private long claimAndPublish() {
        long seq = ring.tryClaim();
        ring.publish(ring.slot(seq), seq);
        return seq;
    }

    @Nested
    class Throwables {

        private void fill(long seq, Throwable thrown) {
            ring.slot(seq).fill(TestEvent.event().throwable(thrown), null, true);
            ring.publish(ring.slot(seq), seq);
        }

        @Test
        void eachSlotReadsItsOwnThrowableFromTheRingsOneArray() {
            IllegalStateException first = new IllegalStateException("first");
            IllegalArgumentException third = new IllegalArgumentException("third");
            fill(ring.tryClaim(), first);
            fill(ring.tryClaim(), null);
            fill(ring.tryClaim(), third);
            assertThat(ring.slot(0).throwable()).isSameAs(first);
            assertThat(ring.slot(1).throwable()).isNull();
            assertThat(ring.slot(2).throwable()).isSameAs(third);
        }

        @Test
        void aSlotKeepsItsThrowableUntilTheRingFreesItNotLonger() {
            IllegalStateException boom = new IllegalStateException("boom");
            fill(ring.tryClaim(), boom);
            fill(ring.tryClaim(), boom);
            ring.slot(0).release();
            assertThat(ring.slot(0).throwable()).as("released, not yet freed: the writer may still read it").isSameAs(boom);
            ring.free(1);
            assertThat(ring.slot(0).throwable()).as("freed: a queued slot pins no exception").isNull();
            assertThat(ring.slot(1).throwable()).as("not freed yet").isSameAs(boom);
        }

        @Test
        void aFreedRangeThatWrapsPastTheRingsEndLetsGoOfEveryThrowableInIt() {
            for (int i = 0; i < 3; i++) {
                fill(ring.tryClaim(), null);
            }
            ring.free(3);
            IllegalStateException boom = new IllegalStateException("boom");
            for (int i = 0; i < 4; i++) { // sequences 3, 4, 5, 6: slots 3, 0, 1, 2
                fill(ring.tryClaim(), boom);
            }
            ring.free(6);
            assertThat(ring.slot(3).throwable()).isNull();
            assertThat(ring.slot(4).throwable()).isNull();
            assertThat(ring.slot(5).throwable()).isNull();
            assertThat(ring.slot(6).throwable()).as("sequence 6 is still queued").isSameAs(boom);
        }

        @Test
        void aRefilledSlotWithoutAThrowableHasNone() {
            fill(ring.tryClaim(), new IllegalStateException("boom"));
            fill(ring.tryClaim(), null);
            fill(ring.tryClaim(), null);
            fill(ring.tryClaim(), null);
            ring.free(1);
            fill(ring.tryClaim(), null); // sequence 4, slot 0 again
            assertThat(ring.slot(4).throwable()).isNull();
        }
    }

    @Nested
    class Claim {

        @Test
        void handsOutSequencesInOrderUntilEverySlotIsTaken() {
            assertThat(new long[] {ring.tryClaim(), ring.tryClaim(), ring.tryClaim(), ring.tryClaim()})
                    .containsExactly(0, 1, 2, 3);
            assertThat(ring.tryClaim()).isEqualTo(Ring.FULL);
            assertThat(ring.claimed()).as("a full ring claims nothing").isEqualTo(4);
            assertThat(ring.maxDepth()).isEqualTo(4);
        }

        @Test
        void givesASlotAgainOnlyAfterTheWriterFreedIt() {
            for (int i = 0; i < 4; i++) {
                claimAndPublish();
            }
            ring.slot(0).release();
            ring.free(1);
            assertThat(ring.tryClaim()).isEqualTo(4);
            assertThat(ring.slot(4)).as("the next lap reuses the same slot").isSameAs(ring.slot(0));
            assertThat(ring.tryClaim()).isEqualTo(Ring.FULL);
        }

        @Test
        void failsAfterCloseAndKeepsTheClaimedCount() {
            claimAndPublish();
            assertThat(ring.close()).isTrue();
            assertThat(ring.close()).as("only the first close reports closing").isFalse();
            assertThat(ring.isClosed()).isTrue();
            assertThat(ring.tryClaim()).isEqualTo(Ring.CLOSED);
            assertThat(ring.claimed()).isEqualTo(1);
        }
    }

    @Nested
    class Take {

        @Test
        void aClaimedSlotIsTakenOnlyOnceItIsPublished() {
            long seq = ring.tryClaim();
            assertThat(ring.published(seq)).isNull();
            ring.publish(ring.slot(seq), seq);
            assertThat(ring.published(seq)).isSameAs(ring.slot(seq));
            assertThat(ring.published(seq + 1)).isNull();
        }

        @Test
        void aSlotFromTheLastLapIsNotTakenAsTheNextOne() {
            for (int i = 0; i < 4; i++) {
                claimAndPublish();
            }
            assertThat(ring.published(4)).as("slot 0 still holds sequence 0").isNull();
        }

        @Test
        void freeingMovesTheConsumedPositionOnly() {
            claimAndPublish();
            claimAndPublish();
            ring.free(1);
            assertThat(ring.consumed()).isEqualTo(1);
            assertThat(ring.claimed()).isEqualTo(2);
            assertThat(ring.maxDepth()).as("the writer notes depth itself, where it reads the cursor anyway").isZero();
        }
    }

    @Nested
    class Waits {

        @Test
        void publishWakesAWriterThatAnnouncedItParks() {
            long seq = ring.tryClaim();
            assertThat(ring.announcePark(seq)).as("nothing published: the writer may park").isTrue();
            assertThat(ring.publish(ring.slot(seq), seq)).as("the producer saw the writer parked").isTrue();
            ring.endPark();
            long next = ring.tryClaim();
            assertThat(ring.publish(ring.slot(next), next)).as("an awake writer is left alone").isFalse();
        }

        @Test
        void aParkIsWokenOnceNotByEveryEventPublishedBeforeTheWriterRunsAgain() {
            long seq = ring.tryClaim();
            assertThat(ring.announcePark(seq)).isTrue();
            assertThat(ring.publish(ring.slot(seq), seq)).as("the first publish wakes the writer").isTrue();
            long second = ring.tryClaim();
            assertThat(ring.publish(ring.slot(second), second))
                    .as("the writer has its wake-up and has not run yet: no second unpark").isFalse();
            ring.endPark();
            long next = ring.tryClaim();
            assertThat(ring.announcePark(next)).as("a new announcement").isTrue();
            assertThat(ring.publish(ring.slot(next), next)).as("is woken again").isTrue();
            ring.endPark();
        }

        @Test
        void theWriterDoesNotParkOnAnEventPublishedBeforeItsAnnouncement() {
            long seq = claimAndPublish();
            assertThat(ring.announcePark(seq)).isFalse();
            ring.endPark();
        }

        @Test
        void aProducerWaitingForSpaceClaimsOnceTheWriterFreesASlot() throws Exception {
            for (int i = 0; i < 4; i++) {
                claimAndPublish();
            }
            AtomicLong claimed = new AtomicLong(-100);
            Thread producer = new Thread(() -> {
                int attempts = 0;
                long seq;
                while ((seq = ring.tryClaim()) == Ring.FULL) {
                    ring.awaitSpace(attempts++, ring.claimed()); // past 36 attempts it parks as a registered waiter
                }
                claimed.set(seq);
            });
            producer.start();
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> producer.getState() == Thread.State.TIMED_WAITING || !producer.isAlive());
            ring.slot(0).release();
            ring.free(1);
            ring.wakeProducers();
            producer.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(claimed.get()).isEqualTo(4);
        }

        @Test
        void aClosedRingIsNotWaitedOn() {
            for (int i = 0; i < 4; i++) {
                claimAndPublish();
            }
            assertThat(ring.stillFull(4)).isTrue();
            ring.close();
            assertThat(ring.stillFull(4)).as("a producer must not park on a closed ring").isFalse();
        }
    }
}
