package dev.spool.forward;

import dev.spool.spi.ByteBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryTierTest {

    private static ByteBuilder line(String text) {
        return new ByteBuilder(64).appendAscii(text + "\n");
    }

    private static String batch(MemoryTier m, int n) {
        return new String(m.array(), m.start(n), m.length(n), StandardCharsets.US_ASCII);
    }

    @Test
    void sealsBatchesInOrderWithConsecutiveIdsAndForgetsTheOldest() {
        MemoryTier m = new MemoryTier();
        m.append(line("a"));
        m.append(line("b"));
        m.seal(10);
        m.seal(11); // nothing open: no empty batch
        m.append(line("c"));
        m.seal(12);
        m.append(line("d")); // open
        assertThat(m.size()).isEqualTo(2);
        assertThat(batch(m, 0)).isEqualTo("a\nb\n");
        assertThat(batch(m, 1)).isEqualTo("c\n");
        assertThat(m.lines(0)).isEqualTo(2);
        assertThat(m.sealedAt(1)).isEqualTo(12);
        assertThat(m.id(1)).isEqualTo(m.id(0) + 1);
        assertThat(m.heldLines()).isEqualTo(4);
        long second = m.id(1);
        m.removeOldest();
        assertThat(m.id(0)).isEqualTo(second);
        assertThat(batch(m, 0)).isEqualTo("c\n");
        assertThat(m.openLines()).isEqualTo(1);
        assertThat(m.bytes()).isEqualTo(4);
    }

    @Test
    void compactsItsBufferWithoutMovingWhatTheBatchesHold() {
        MemoryTier m = new MemoryTier();
        String big = "x".repeat(4000);
        for (int i = 0; i < 600; i++) { // past the compaction threshold, and past the initial ring size
            m.append(line(big + i));
            m.seal(i);
        }
        for (int i = 0; i < 599; i++) {
            m.removeOldest();
        }
        assertThat(m.size()).isEqualTo(1);
        assertThat(batch(m, 0)).isEqualTo(big + 599 + "\n");
        m.removeOldest();
        assertThat(m.bytes()).isZero();
    }
}
