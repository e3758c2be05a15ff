package dev.spool.internal.pipeline;

import dev.spool.DropReason;
import dev.spool.Level;
import dev.spool.OverflowPolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.spool.internal.pipeline.OverflowDecision.DROP_QUEUE_FULL;
import static dev.spool.internal.pipeline.OverflowDecision.DROP_WRITER_REENTRY;
import static dev.spool.internal.pipeline.OverflowDecision.WAIT;
import static dev.spool.internal.pipeline.OverflowDecision.WRITE_ON_CALLER;
import static org.assertj.core.api.Assertions.assertThat;

class OverflowDecisionTest {

    private static final boolean CALLER = false;
    private static final boolean WRITER = true;

    @Nested
    class Block {

        @Test
        void waitsAtEveryLevel() {
            for (Level level : Level.values()) {
                assertThat(OverflowDecision.on(OverflowPolicy.BLOCK, level, CALLER)).isEqualTo(WAIT);
            }
        }

        @Test
        void dropsAsWriterReentryWhenTheWriterItselfLogs() {
            assertThat(OverflowDecision.on(OverflowPolicy.BLOCK, Level.FATAL, WRITER)).isEqualTo(DROP_WRITER_REENTRY);
        }
    }

    @Nested
    class Drop {

        @Test
        void dropsEveryLevelAsQueueFull() {
            for (Level level : Level.values()) {
                assertThat(OverflowDecision.on(OverflowPolicy.DROP, level, CALLER)).isEqualTo(DROP_QUEUE_FULL);
            }
            assertThat(OverflowDecision.on(OverflowPolicy.DROP, Level.ERROR, WRITER)).isEqualTo(DROP_QUEUE_FULL);
        }
    }

    @Nested
    class DropBelow {

        private final OverflowPolicy policy = OverflowPolicy.dropBelow(Level.WARN);

        @Test
        void dropsLevelsUnderTheThreshold() {
            assertThat(OverflowDecision.on(policy, Level.INFO, CALLER)).isEqualTo(DROP_QUEUE_FULL);
            assertThat(OverflowDecision.on(policy, Level.INFO, WRITER)).isEqualTo(DROP_QUEUE_FULL);
        }

        @Test
        void waitsFromTheThresholdUp() {
            assertThat(OverflowDecision.on(policy, Level.WARN, CALLER)).isEqualTo(WAIT);
            assertThat(OverflowDecision.on(policy, Level.FATAL, CALLER)).isEqualTo(WAIT);
        }

        @Test
        void dropsAsWriterReentryWhereItWouldWait() {
            assertThat(OverflowDecision.on(policy, Level.ERROR, WRITER)).isEqualTo(DROP_WRITER_REENTRY);
        }
    }

    @Nested
    class SyncFallback {

        private final OverflowPolicy policy = OverflowPolicy.SYNC_FALLBACK;

        @Test
        void writesErrorsAndAboveOnTheCaller() {
            assertThat(OverflowDecision.on(policy, Level.ERROR, CALLER)).isEqualTo(WRITE_ON_CALLER);
            assertThat(OverflowDecision.on(policy, Level.FATAL, CALLER)).isEqualTo(WRITE_ON_CALLER);
        }

        @Test
        void dropsTheRestAsQueueFull() {
            assertThat(OverflowDecision.on(policy, Level.WARN, CALLER)).isEqualTo(DROP_QUEUE_FULL);
        }

        @Test
        void dropsAsWriterReentryWhenTheWriterItselfLogs() {
            assertThat(OverflowDecision.on(policy, Level.ERROR, WRITER)).isEqualTo(DROP_WRITER_REENTRY);
        }
    }

    @Test
    void everyDropNamesItsReasonAndNothingElseDoes() {
        assertThat(DROP_QUEUE_FULL.dropReason).isEqualTo(DropReason.QUEUE_FULL);
        assertThat(DROP_WRITER_REENTRY.dropReason).isEqualTo(DropReason.WRITER_REENTRY);
        assertThat(WAIT.dropReason).isNull();
        assertThat(WRITE_ON_CALLER.dropReason).isNull();
    }
}
