package dev.spool.internal.deflate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;
import java.util.zip.DataFormatException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder on any bytes, split anywhere into dictionary and data and fed in slices of any size: zlib's
 * inflater, given the same dictionary, gives back exactly the data; nothing is thrown. A stream that
 * repeats a short input (the fuzzer's bytes, copied to fill up to 200 KB) reaches the long matches, the
 * window's edge and several blocks. Runs its kept inputs in every build; {@code ./.ci/fuzz} fuzzes it.
 */
class FastDeflaterFuzzTest {

    private static final int WINDOW = 32 * 1024;

    @FuzzTest
    void inflatesBackToExactlyTheBytesGiven(FuzzedDataProvider data) throws DataFormatException {
        int repeatTo = data.consumeBoolean() ? data.consumeInt(0, 200_000) : 0;
        int slice = data.consumeInt(1, 70_000);
        int dictionaryPercent = data.consumeInt(0, 100);
        byte[] given = data.consumeRemainingAsBytes();
        byte[] bytes = given;
        if (repeatTo > given.length && given.length > 0) {
            bytes = new byte[repeatTo];
            for (int i = 0; i < repeatTo; i++) {
                bytes[i] = (byte) (given[i % given.length] + (i / given.length % 3 == 2 ? 1 : 0)); // near-repeats
            }
        }
        int start = (int) ((long) bytes.length * dictionaryPercent / 100);
        int dictionaryStart = Math.max(0, start - WINDOW);

        FastDeflater deflater = new FastDeflater();
        deflater.start(bytes, dictionaryStart, start);
        int at = start;
        do {
            at = Math.min(bytes.length, at + slice);
            deflater.compress(at, at == bytes.length);
        } while (at < bytes.length);
        byte[] deflated = deflater.finish();

        assertThat(FastDeflaterTest.inflate(deflated, bytes, dictionaryStart, start))
                .isEqualTo(Arrays.copyOfRange(bytes, start, bytes.length));
    }
}
