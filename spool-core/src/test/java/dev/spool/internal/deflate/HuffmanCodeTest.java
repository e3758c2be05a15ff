package dev.spool.internal.deflate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HuffmanCodeTest {

    /** The sum of 2^-length over the coded symbols, times 2^maxBits: exactly 2^maxBits for a complete code. */
    private static long kraft(HuffmanCode code, int symbols, int maxBits) {
        long sum = 0;
        for (int s = 0; s < symbols; s++) {
            if (code.lengths[s] > 0) {
                sum += 1L << (maxBits - code.lengths[s]);
            }
        }
        return sum;
    }

    private static void assertPrefixFree(HuffmanCode code, int symbols) {
        Set<String> words = new HashSet<>();
        for (int s = 0; s < symbols; s++) {
            if (code.lengths[s] > 0) {
                String word = new StringBuilder(Integer.toBinaryString(code.codes[s] | 1 << code.lengths[s]).substring(1))
                        .reverse().toString(); // codes are kept bit-reversed
                for (String other : words) {
                    assertThat(word.startsWith(other) || other.startsWith(word)).as(word + " and " + other).isFalse();
                }
                words.add(word);
            }
        }
    }

    @Test
    void skewedFrequenciesThatWouldMakeDeepCodesAreCappedAndStayComplete() {
        int[] fibonacci = new int[30];
        fibonacci[0] = 1;
        fibonacci[1] = 1;
        for (int i = 2; i < fibonacci.length; i++) {
            fibonacci[i] = fibonacci[i - 1] + fibonacci[i - 2]; // an unlimited Huffman code would be 29 bits deep
        }
        HuffmanCode code = new HuffmanCode(30, 15);

        code.build(fibonacci, 30);

        assertThat(Arrays.stream(code.lengths).min().getAsInt()).isEqualTo(1);
        assertThat(Arrays.stream(code.lengths).max().getAsInt()).isEqualTo(15);
        assertThat(kraft(code, 30, 15)).isEqualTo(1L << 15);
        assertPrefixFree(code, 30);
        assertThat(code.lengths[29]).as("the most frequent").isEqualTo(1);
    }

    @Test
    void capsTheSevenBitCodeLengthCodeToo() {
        int[] frequencies = new int[19];
        for (int i = 0; i < 19; i++) {
            frequencies[i] = 1 << i;
        }
        HuffmanCode code = new HuffmanCode(19, 7);

        code.build(frequencies, 19);

        assertThat(Arrays.stream(code.lengths).min().getAsInt()).isEqualTo(1);
        assertThat(Arrays.stream(code.lengths).max().getAsInt()).isEqualTo(7);
        assertThat(kraft(code, 19, 7)).isEqualTo(1L << 7);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 285})
    void oneOrNoSymbolStillGetsACompleteCodeOfTwo(int symbol) {
        int[] frequencies = new int[286];
        HuffmanCode code = new HuffmanCode(286, 15);
        code.build(frequencies, 286);
        assertThat(kraft(code, 286, 15)).isEqualTo(1L << 15);

        frequencies[symbol] = 7;
        code.build(frequencies, 286);

        assertThat(code.lengths[symbol]).isEqualTo(1);
        assertThat(kraft(code, 286, 15)).isEqualTo(1L << 15);
    }

    @Test
    void randomFrequenciesGiveCompletePrefixFreeCodesWithinTheCap() {
        Random random = new Random(21);
        HuffmanCode code = new HuffmanCode(286, 15);
        for (int round = 0; round < 500; round++) {
            int[] frequencies = new int[286];
            for (int s = 0; s < 286; s++) {
                frequencies[s] = random.nextInt(4) == 0 ? 0 : 1 + (int) Math.pow(2, random.nextDouble() * 20);
            }

            code.build(frequencies, 286);

            assertThat(kraft(code, 286, 15)).isEqualTo(1L << 15);
            for (int s = 0; s < 286; s++) {
                if (frequencies[s] > 0) {
                    assertThat(code.lengths[s]).isBetween(1, 15);
                }
            }
            assertPrefixFree(code, 286);
        }
    }
}
