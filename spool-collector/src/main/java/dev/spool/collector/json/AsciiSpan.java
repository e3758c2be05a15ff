package dev.spool.collector.json;

import dev.spool.spi.ByteText;

import java.nio.charset.StandardCharsets;

/**
 * A reader's reusable text: printable ASCII copied from a line, which a pipeline's slot copies as bytes
 * ({@link ByteText}) instead of a String made per event and then copied char by char. Valid until the
 * reader's next line; not thread-safe.
 */
final class AsciiSpan extends ByteText {

    private static final int KEEP_BYTES = 16 * 1024;

    private byte[] bytes = new byte[256];
    private int length;

    /**
     * Holds {@code in[offset, offset + n)} if every byte is printable ASCII (0x20 to 0x7E).
     *
     * @return false, holding nothing, if a byte is not
     */
    boolean set(byte[] in, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            if (in[i] < 0x20 || in[i] > 0x7E) { // negative bytes too: not ASCII
                length = 0;
                return false;
            }
        }
        if (bytes.length < n || bytes.length > KEEP_BYTES && n <= KEEP_BYTES) {
            bytes = new byte[Math.max(n, 256)]; // grows for a long message, and does not keep one
        }
        System.arraycopy(in, offset, bytes, 0, n);
        length = n;
        return true;
    }

    @Override
    public byte[] printableAscii() {
        return bytes;
    }

    @Override
    public void getChars(int start, int end, char[] dst, int dstBegin) {
        checkRange(start, end);
        for (int i = start; i < end; i++) {
            dst[dstBegin++] = (char) bytes[i];
        }
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of a text of " + length + " chars");
        }
        return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        checkRange(start, end);
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private void checkRange(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("range [" + start + ", " + end + ") of a text of " + length + " chars");
        }
    }
}
