package dev.spool.internal.deflate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FastDeflaterTest {

    private static final int WINDOW = 32 * 1024;

    /** Deflates {@code data[start, end)} with {@code data[dictionaryStart, start)} as dictionary, in slices. */
    private static byte[] deflate(byte[] data, int dictionaryStart, int start, int end, int slice) {
        byte[] array = Arrays.copyOf(data, end);
        FastDeflater deflater = new FastDeflater();
        deflater.start(array, dictionaryStart, start);
        for (int at = start; at < end; ) {
            at = Math.min(end, at + slice);
            deflater.compress(at, at == end);
        }
        if (start == end) {
            deflater.compress(end, true);
        }
        return deflater.finish();
    }

    /** What zlib's inflater makes of {@code deflated}, with the dictionary; fails on any format error. */
    static byte[] inflate(byte[] deflated, byte[] dictionary, int dictionaryFrom, int dictionaryTo)
            throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            if (dictionaryTo > dictionaryFrom) {
                inflater.setDictionary(dictionary, dictionaryFrom, dictionaryTo - dictionaryFrom);
            }
            // a sync-flushed stream has no final block: append an empty final one so the inflater finishes
            byte[] whole = Arrays.copyOf(deflated, deflated.length + 2);
            whole[deflated.length] = 0x03;
            inflater.setInput(whole);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new AssertionError("the stream ended early, after " + out.size() + " bytes");
                }
                out.write(buffer, 0, n);
            }
            assertThat(inflater.getRemaining()).as("bytes after the final block").isZero();
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] roundTrip(byte[] data, int slice) throws DataFormatException {
        return inflate(deflate(data, 0, 0, data.length, slice), data, 0, 0);
    }

    private static byte[] logText(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("{\"ts\":\"2026-12-07T04:").append(10 + i / 60_000 % 50).append(':')
                    .append(String.format("%02d.%06d", i / 1000 % 60, random.nextInt(1_000_000)))
                    .append("Z\",\"level\":\"").append(random.nextInt(10) == 0 ? "WARN" : "INFO")
                    .append("\",\"logger\":\"dev.spool.Orders\",\"message\":\"order ").append(random.nextInt(100_000))
                    .append(" shipped in ").append(random.nextInt(500)).append(" ms\",\"seq\":").append(i)
                    .append("}\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class RoundTrips {

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 7, 8, 9, 258, 259, 300, 1000})
        void shortInputsOfEveryKindComeBackExactly(int length) throws DataFormatException {
            byte[] same = new byte[length];
            Arrays.fill(same, (byte) 'a');
            byte[] random = new byte[length];
            new Random(length).nextBytes(random);
            byte[] text = Arrays.copyOf(logText(10, length), length);

            assertThat(roundTrip(same, 64 * 1024)).isEqualTo(same);
            assertThat(roundTrip(random, 64 * 1024)).isEqualTo(random);
            assertThat(roundTrip(text, 64 * 1024)).isEqualTo(text);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 100, 4096, 65536, 1 << 20})
        void logTextComesBackExactlyWhateverTheSliceSize(int slice) throws DataFormatException {
            byte[] text = logText(20_000, 1);

            assertThat(roundTrip(text, slice)).isEqualTo(text);
        }

        @Test
        void aLongRunOfOneByteBecomesMatchesOfTheLongestLength() throws DataFormatException {
            byte[] run = new byte[1_000_000];
            Arrays.fill(run, (byte) 'x');

            byte[] deflated = deflate(run, 0, 0, run.length, 64 * 1024);

            assertThat(inflate(deflated, run, 0, 0)).isEqualTo(run);
            // 258 bytes a match, each one 258 back (the table holds the last match's start): 9 bits a match
            assertThat(deflated.length).as("1 MB as matches of 258").isLessThan(5_000);
        }

        @Test
        void randomBytesAreStoredAndGrowByLittle() throws DataFormatException {
            byte[] random = new byte[1 << 20];
            new Random(3).nextBytes(random);

            byte[] deflated = deflate(random, 0, 0, random.length, 64 * 1024);

            assertThat(inflate(deflated, random, 0, 0)).isEqualTo(random);
            assertThat(deflated.length).isLessThan(random.length + random.length / 1000);
        }

        @Test
        void mixedTextAndNoiseInManyBlocksComesBackExactly() throws DataFormatException {
            Random random = new Random(5);
            ByteArrayOutputStream mixed = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                byte[] part = random.nextBoolean() ? logText(random.nextInt(200), i) : new byte[random.nextInt(5000)];
                if (random.nextInt(3) == 0) {
                    random.nextBytes(part);
                }
                mixed.writeBytes(part);
            }
            byte[] data = mixed.toByteArray();

            assertThat(roundTrip(data, 10_000)).isEqualTo(data);
        }

        @Test
        void aRepeatExactlyAWindowBackIsFoundAndOneByteFartherIsNot() throws DataFormatException {
            byte[] block = new byte[WINDOW];
            new Random(9).nextBytes(block);
            byte[] atWindow = new byte[2 * WINDOW];
            System.arraycopy(block, 0, atWindow, 0, WINDOW);
            System.arraycopy(block, 0, atWindow, WINDOW, WINDOW);
            byte[] beyond = new byte[2 * WINDOW + 1];
            System.arraycopy(block, 0, beyond, 0, WINDOW);
            System.arraycopy(block, 0, beyond, WINDOW + 1, WINDOW);

            byte[] near = deflate(atWindow, 0, 0, atWindow.length, 1 << 20);
            byte[] far = deflate(beyond, 0, 0, beyond.length, 1 << 20);

            assertThat(inflate(near, atWindow, 0, 0)).isEqualTo(atWindow);
            assertThat(inflate(far, beyond, 0, 0)).isEqualTo(beyond);
            assertThat(near.length).as("the second copy as matches").isLessThan(WINDOW + 1000);
            assertThat(far.length).as("out of reach: stored again").isGreaterThan(2 * WINDOW);
        }
    }

    @Nested
    class Dictionaries {

        @Test
        void dataThatRepeatsTheDictionaryIsMatchedIntoItAndInflatesWithIt() throws DataFormatException {
            byte[] data = new byte[2 * WINDOW];
            new Random(11).nextBytes(data);
            System.arraycopy(data, 0, data, WINDOW, WINDOW); // the data is the dictionary again, a window back

            byte[] deflated = deflate(data, 0, WINDOW, data.length, 64 * 1024);

            assertThat(inflate(deflated, data, 0, WINDOW)).isEqualTo(Arrays.copyOfRange(data, WINDOW, data.length));
            assertThat(deflated.length).as("random bytes, so only by matching into the dictionary").isLessThan(1000);
        }

        @Test
        void chunksDeflatedSeparatelyWithTheirDictionariesJoinIntoOneStream() throws DataFormatException {
            byte[] text = logText(30_000, 13);
            int chunk = 200_000;
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (int at = 0; at < text.length; at += chunk) {
                int end = Math.min(text.length, at + chunk);
                joined.writeBytes(deflate(text, Math.max(0, at - WINDOW), at, end, 64 * 1024));
            }

            assertThat(inflate(joined.toByteArray(), text, 0, 0)).isEqualTo(text);
        }

        @Test
        void aDictionaryThatDoesNotFitTheArrayIsRefused() {
            FastDeflater deflater = new FastDeflater();

            assertThatThrownBy(() -> deflater.start(new byte[10], 5, 11)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("do not fit an array of 10");
            assertThatThrownBy(() -> deflater.start(new byte[10], 6, 5)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void finishingAfterACallThatWasNotTheLastStillEncodesEveryByteGiven() throws DataFormatException {
            byte[] text = logText(500, 19);
            FastDeflater deflater = new FastDeflater();
            deflater.start(text, 0, 0);
            deflater.compress(text.length, false); // holds back the last few hundred bytes for more data

            byte[] deflated = deflater.finish();

            assertThat(inflate(deflated, text, 0, 0)).isEqualTo(text);
        }

        @Test
        void dataBehindWhatWasAlreadyGivenIsRefused() {
            FastDeflater deflater = new FastDeflater();
            deflater.start(new byte[100], 0, 0);
            deflater.compress(50, false);

            assertThatThrownBy(() -> deflater.compress(40, true)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside 50 to 100");
        }

        @Test
        void dataBeyondTheArrayIsRefused() {
            FastDeflater deflater = new FastDeflater();
            deflater.start(new byte[10], 0, 0);

            assertThatThrownBy(() -> deflater.compress(11, true)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside 0 to 10");
        }
    }

    @Test
    void logTextIsNoLargerThanZlibAtItsFastestLevel() {
        byte[] text = logText(50_000, 17);
        Deflater zlib = new Deflater(1, true);
        zlib.setInput(text);
        zlib.finish();
        byte[] buffer = new byte[text.length];
        int zlibLength = zlib.deflate(buffer);
        zlib.end();

        byte[] fast = deflate(text, 0, 0, text.length, 64 * 1024);

        assertThat(fast.length).isLessThanOrEqualTo(zlibLength);
    }
}
