package dev.spool.postgres;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CopyBufferTest {

    @Nested
    class Decimal {

        @Test
        void writesEveryLongAsLongToStringDoes() {
            long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, 1_796_536_924_122_363L, Integer.MAX_VALUE, Integer.MIN_VALUE,
                Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, Long.MIN_VALUE + 1};
            for (long v : edges) {
                assertThat(decimal(v)).as("%d", v).isEqualTo(Long.toString(v));
            }
            SplittableRandom random = new SplittableRandom(17);
            for (int i = 0; i < 10_000; i++) {
                long v = random.nextLong() >> random.nextInt(64);
                assertThat(decimal(v)).as("%d", v).isEqualTo(Long.toString(v));
            }
        }

        @Test
        void countsDigitsAtEveryPowerOfTen() {
            for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
                assertThat(CopyBuffer.digits(p)).as("%d", p).isEqualTo(Long.toString(p).length());
                assertThat(CopyBuffer.digits(p - 1)).as("%d", p - 1).isEqualTo(Math.max(1, Long.toString(p - 1).length()));
                if (p > Long.MAX_VALUE / 10) {
                    break;
                }
            }
            assertThat(CopyBuffer.digits(Long.MAX_VALUE)).isEqualTo(19);
        }

        private String decimal(long v) {
            CopyBuffer b = new CopyBuffer();
            b.byte1('x');
            b.decimal(v);
            b.byte1('y');
            String s = new String(b.pending(), StandardCharsets.US_ASCII);
            assertThat(s).startsWith("x").endsWith("y");
            return s.substring(1, s.length() - 1);
        }
    }

    @Nested
    class Text {

        @Test
        void encodesAsStringGetBytesDoesLoneSurrogatesIncluded() {
            String s = "a é € \uD83D\uDE00 lone-high\uD83D x lone-low\uDE00 high-high\uD83D\uD83D \u07ff\u0800\uffff end\uD83D";
            CopyBuffer b = new CopyBuffer();
            b.utf8(s);
            assertThat(b.pending()).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void escapesOnlyTheSeparatorsOfTextCopy() {
            CopyBuffer b = new CopyBuffer();
            b.copyText("bs\\ tab\t nl\n cr\r bell\u0007 \\N é");
            assertThat(new String(b.pending(), StandardCharsets.UTF_8))
                    .isEqualTo("bs\\\\ tab\\t nl\\n cr\\r bell\u0007 \\\\N é");
        }

        @Test
        void utf8LeavesTheSeparatorsAsTheyAre() {
            CopyBuffer b = new CopyBuffer();
            b.utf8("bs\\ tab\t");
            assertThat(new String(b.pending(), StandardCharsets.UTF_8)).isEqualTo("bs\\ tab\t");
        }

        @Test
        void growsForAValueLargerThanTheBufferAndShrinksOnReset() {
            CopyBuffer b = new CopyBuffer();
            String big = "€".repeat(200_000);
            b.copyText(big);
            assertThat(b.pending()).isEqualTo(big.getBytes(StandardCharsets.UTF_8));
            b.reset();
            assertThat(b.position()).isZero();
            b.utf8("x");
            assertThat(b.pending()).containsExactly('x');
        }
    }

    @Test
    void writesBigEndianNumbersAndPatchesALengthLater() {
        CopyBuffer b = new CopyBuffer();
        b.int2(-1);
        int at = b.position();
        b.skip(4);
        b.int8(0x0102030405060708L);
        b.int4At(at, 0x0a0b0c0d);
        assertThat(b.pending()).containsExactly(0xff, 0xff, 0x0a, 0x0b, 0x0c, 0x0d, 1, 2, 3, 4, 5, 6, 7, 8);
    }
}
