package dev.spool.internal.pipeline;

import dev.spool.Level;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Publishing an event: the producer writes a {@link Slot}'s plain fields, then its volatile
 * {@code sequence}; the writer reads {@code sequence} and, if it is the one it waits for, the fields.
 * r1 is 1 when the writer saw the event published, r2 counts the fields it saw filled (of 5).
 */
public final class SlotPublishStress {

    private static final String LOGGER = "app.orders";
    private static final String KEY = "order_id";

    private SlotPublishStress() {
    }

    /**
     * The real path: a producer claims a slot of a real {@link Ring}, fills it with {@link Slot#fill} (from
     * another slot used as the source event) and publishes it with {@link Ring#publish}; the writer asks
     * {@link Ring#published} and reads the fields.
     */
    @JCStressTest
    @Description("Ring.publish after Slot.fill: a published slot shows every field written before it")
    @Outcome(id = {"0, 0", "0, 1", "0, 2", "0, 3", "0, 4", "0, 5"}, expect = ACCEPTABLE,
            desc = "not published yet: the writer does not use the fields, whatever it saw")
    @Outcome(id = "1, 5", expect = ACCEPTABLE, desc = "published, every field visible")
    @Outcome(expect = FORBIDDEN, desc = "published but some field stale: the writer would write a half event")
    @State
    public static class PublishedFieldsAreVisible {
        private static final Slot SOURCE = source();

        private final Ring ring = new Ring(1);
        private final long sequence = ring.tryClaim();

        @Actor
        public void producer() {
            Slot slot = ring.slot(sequence);
            slot.fill(SOURCE, null, false);
            ring.publish(slot, sequence);
        }

        @Actor
        public void writer(II_Result r) {
            r.r1 = ring.published(sequence) != null ? 1 : 0;
            Slot slot = ring.slot(sequence);
            String[] keys = slot.keys; // the array and the element copied into it are both part of the event
            boolean fieldSeen = slot.fieldCount == 1 && keys.length > 0 && KEY.equals(keys[0]);
            r.r2 = filledFields(slot.timestampMicros, slot.level, slot.logger, slot.message.length(), fieldSeen);
        }

        private static Slot source() {
            Slot s = new Slot();
            s.timestampMicros = 1_700_000_000_000_000L;
            s.level = Level.WARN;
            s.logger = LOGGER;
            s.message.append("paid");
            s.keys = new String[] {KEY};
            s.values = new Object[] {42};
            s.fieldCount = 1;
            return s;
        }
    }

    /**
     * DEMONSTRATION of the bug the volatile prevents, not a check of Spool: a copy of the slot whose
     * sequence is a plain field. Without the release/acquire pair the compiler may move the publish
     * before the field writes, or the reads of the fields before the read of the sequence, so a
     * "published but stale" result is possible; whether this machine and JIT show it is luck, so it is
     * ACCEPTABLE_INTERESTING rather than required.
     */
    @JCStressTest
    @Description("DEMONSTRATION: publishing with a plain write can expose a half-filled slot")
    @Outcome(id = {"0, 0", "0, 1", "0, 2", "0, 3", "0, 4", "0, 5"}, expect = ACCEPTABLE, desc = "not published yet")
    @Outcome(id = "1, 5", expect = ACCEPTABLE, desc = "published, every field visible")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "the bug: published but some field stale")
    @State
    public static class BrokenPlainPublish {
        private long sequence = -1;
        private long timestampMicros;
        private Level level;
        private String logger;
        private final StringBuilder message = new StringBuilder(64);
        private int fieldCount;

        @Actor
        public void producer() {
            timestampMicros = 1_700_000_000_000_000L;
            level = Level.WARN;
            logger = LOGGER;
            message.append("paid");
            fieldCount = 1;
            sequence = 0;
        }

        @Actor
        public void writer(II_Result r) {
            r.r1 = sequence == 0 ? 1 : 0;
            r.r2 = filledFields(timestampMicros, level, logger, message.length(), fieldCount == 1);
        }
    }

    static int filledFields(long timestampMicros, Level level, String logger, int messageLength, boolean fieldSeen) {
        int seen = 0;
        seen += timestampMicros == 1_700_000_000_000_000L ? 1 : 0;
        seen += level == Level.WARN ? 1 : 0;
        seen += LOGGER.equals(logger) ? 1 : 0;
        seen += messageLength == 4 ? 1 : 0;
        seen += fieldSeen ? 1 : 0;
        return seen;
    }
}
