package dev.spool;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdTest {

    @Test
    void idsAreUniqueAndTwentySixCrockfordCharacters() {
        Set<String> seen = new HashSet<>();
        long high = EventId.high(System.currentTimeMillis());
        for (int i = 0; i < 100_000; i++) {
            String id = EventId.toString(high, EventId.nextLow());
            assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void textSortsByTime() {
        String earlier = EventId.toString(EventId.high(1_000_000L), EventId.nextLow());
        String later = EventId.toString(EventId.high(1_000_001L), EventId.nextLow());
        assertThat(earlier).isLessThan(later);
        assertThat(EventId.epochMillis(EventId.high(1_763_769_301_123L))).isEqualTo(1_763_769_301_123L);
    }

    @Test
    void encodesAllBitsLikeUlid() {
        assertThat(EventId.toString(0, 0)).isEqualTo("00000000000000000000000000");
        assertThat(EventId.toString(-1L, -1L)).isEqualTo("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(EventId.toString(0, 31)).isEqualTo("0000000000000000000000000Z");
        assertThat(EventId.toString(1, 0)).isEqualTo("0000000000000G000000000000");
    }

    @Test
    void bytesFormIsTheCharFormAtAnyOffset() {
        long[] edges = {0, 1, -1L, 31, 1L << 59, 1L << 60, 1L << 63, Long.MIN_VALUE, Long.MAX_VALUE, 0x0F00_0000_0000_0000L};
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        for (int i = 0; i < 10_000; i++) {
            long high = i < edges.length * edges.length ? edges[i / edges.length] : random.nextLong();
            long low = i < edges.length * edges.length ? edges[i % edges.length] : random.nextLong();
            byte[] bytes = new byte[EventId.TEXT_LENGTH + 5];
            java.util.Arrays.fill(bytes, (byte) '-');
            EventId.encode(high, low, bytes, 3);
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("---" + EventId.toString(high, low) + "--");
        }
    }
}
