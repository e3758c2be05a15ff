package dev.spool.internal.pipeline;

import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmallValuesTest {

    @Test
    void keepsBoxedPrimitivesEnumsAndShortStringsOnly() {
        for (Object small : List.of(1, 2L, 3.5, 4.5f, (short) 5, (byte) 6, 'c', true, DayOfWeek.MONDAY, "x".repeat(256))) {
            assertThat(SmallValues.keep(small)).as("%s", small).isTrue();
        }
        for (Object large : List.of("x".repeat(257), new byte[16], new BigDecimal("1.5"), List.of(1), new Object())) {
            assertThat(SmallValues.keep(large)).as("%s", large.getClass()).isFalse();
        }
    }

    @Test
    void aReleasedSlotLetsGoOfLargeValuesAndTheExceptionAndKeepsSmallOnes() {
        Slot slot = new Slot();
        byte[] payload = new byte[1 << 20];
        String longText = "y".repeat(10_000);
        slot.fill(TestEvent.event().field("user", "alice").field("attempt", 3).field("payload", payload)
                .field("body", longText).throwable(new IllegalStateException("boom")), null, true);
        assertThat(slot.fieldValue(2)).isSameAs(payload);
        slot.release();
        assertThat(slot.fieldCount()).isZero();
        assertThat(slot.values[0]).isEqualTo("alice");
        assertThat(slot.values[1]).isEqualTo(3);
        assertThat(slot.values[2]).as("a megabyte is not pinned by a queued slot").isNull();
        assertThat(slot.values[3]).as("a long string neither").isNull();
        slot.throwable(null); // a thread's own slot; a ring's slot lets go of it when the ring frees it (RingTest)
        assertThat(slot.throwable()).isNull();
    }

    @Test
    void aSlotRefilledWithOtherValuesReadsTheNewOnes() {
        Slot slot = new Slot();
        slot.fill(TestEvent.event().field("user", "alice").field("attempt", 3), null, true);
        slot.release();
        slot.fill(TestEvent.event().field("user", "bob").field("tries", 4), null, true);
        assertThat(slot.fieldCount()).isEqualTo(2);
        assertThat(slot.fieldKey(0)).isEqualTo("user");
        assertThat(slot.fieldValue(0)).isEqualTo("bob");
        assertThat(slot.fieldKey(1)).isEqualTo("tries");
        assertThat(slot.fieldValue(1)).isEqualTo(4);
    }
}
