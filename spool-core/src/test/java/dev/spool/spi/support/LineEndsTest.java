package dev.spool.spi.support;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineEndsTest {

    @Test
    void findsTheFirstLineEndInEveryRangeAmongBytesThatDifferFromItByOneBit() {
        // 0x0a with one bit flipped, and bytes whose borrow could fake a match below a real one
        byte[] alphabet = {0x0a, 0x0b, 0x08, 0x0e, 0x02, 0x1a, 0x2a, 0x4a, (byte) 0x8a, 0x00, 0x01, (byte) 0xff, 'a'};
        SplittableRandom random = new SplittableRandom(17);
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(random.nextBoolean() ? alphabet.length : 2)];
            }
            for (int from = 0; from <= bytes.length; from++) {
                for (int to = from; to <= bytes.length; to++) {
                    assertThat(LineEnds.next(bytes, from, to)).as("%s [%d, %d)", Arrays.toString(bytes), from, to)
                            .isEqualTo(naive(bytes, from, to));
                }
            }
        }
    }

    @Test
    void neverLooksPastTheEndOfTheRange() {
        byte[] bytes = "0123456789abcdef\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int to = 0; to < 16; to++) {
            assertThat(LineEnds.next(bytes, 0, to)).isEqualTo(to);
        }
        assertThat(LineEnds.next(bytes, 3, 17)).isEqualTo(16);
    }

    @Test
    void refusesARangeOutsideTheArray() {
        byte[] bytes = new byte[8];
        assertThatThrownBy(() -> LineEnds.next(bytes, 0, 9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LineEnds.next(bytes, 5, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LineEnds.next(bytes, -1, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static int naive(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return to;
    }
}
