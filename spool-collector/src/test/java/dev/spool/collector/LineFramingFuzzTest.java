package dev.spool.collector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's line reader on any bytes cut into any reads (docs/fuzzing.md): the lines it delivers
 * are exactly the complete lines sent, in order, each without its LF (and a CR before it); a line over
 * the limit is refused, never delivered or held; it never holds more than the limit.
 */
class LineFramingFuzzTest {

    @FuzzTest
    void deliversExactlyTheCompleteLinesSent(FuzzedDataProvider data) {
        int maxLineBytes = data.consumeInt(0, 300);
        int[] cuts = data.consumeInts(8);
        byte[] sent = data.consumeRemainingAsBytes();
        LineFraming framing = new LineFraming();
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        LineFraming.Lines lines = new LineFraming.Lines() {
            @Override
            public int maxLineBytes() {
                return maxLineBytes;
            }

            @Override
            public boolean line(byte[] bytes, int offset, int length) {
                assertThat(length).isLessThanOrEqualTo(maxLineBytes);
                delivered.write(bytes, offset, length);
                delivered.write('\n');
                return true;
            }
        };
        int offset = 0;
        boolean refused = false;
        for (int i = 0; offset < sent.length && !refused; i++) {
            int count = i < cuts.length ? Math.floorMod(cuts[i], sent.length - offset + 1) : sent.length - offset;
            refused = !framing.feed(sent, offset, count, i, lines);
            offset += count;
            assertThat(framing.pendingBytes()).isLessThanOrEqualTo(maxLineBytes);
        }
        byte[] complete = completeLines(sent, maxLineBytes);
        if (refused) {
            // the lines before the refused one, and the refused one really is over the limit
            byte[] got = delivered.toByteArray();
            assertThat(complete).startsWith(got);
            int next = startOfLine(sent, count(got, (byte) '\n'));
            int end = indexOf(sent, (byte) '\n', next);
            assertThat((end < 0 ? sent.length : end) - next).as("length of the refused line").isGreaterThan(maxLineBytes);
        } else {
            assertThat(delivered.toByteArray()).isEqualTo(complete);
            assertThat(framing.pendingBytes()).isEqualTo(sent.length - lastLf(sent) - 1);
        }
    }

    private static int count(byte[] bytes, byte b) {
        int n = 0;
        for (byte x : bytes) {
            n += x == b ? 1 : 0;
        }
        return n;
    }

    /** Where line {@code index} (from 0) of {@code bytes} starts. */
    private static int startOfLine(byte[] bytes, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = indexOf(bytes, (byte) '\n', start) + 1;
        }
        return start;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The complete lines of {@code sent}, CR before LF removed, up to the first one over the limit. */
    private static byte[] completeLines(byte[] sent, int maxLineBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] != '\n') {
                continue;
            }
            int length = i - start;
            if (length > maxLineBytes) {
                break;
            }
            int kept = length > 0 && sent[i - 1] == '\r' ? length - 1 : length;
            out.write(sent, start, kept);
            out.write('\n');
            start = i + 1;
        }
        return out.toByteArray();
    }

    private static int lastLf(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
