package dev.spool.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A growable byte buffer that formats append to: ASCII, UTF-8 from chars, and decimal numbers, without
 * allocating once it has grown to its working size.
 *
 * <p>Not thread-safe: each writer thread owns its builders.
 */
public final class ByteBuilder {

    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;
    private char[] chars = new char[256];

    public ByteBuilder(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Number of bytes held. */
    public int length() {
        return length;
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return bytes;
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        length = 0;
    }

    /** Drops bytes after {@code newLength}. */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException(newLength);
        }
        length = newLength;
    }

    /** Removes the first {@code count} bytes, moving the rest to the front. */
    public void discardFront(int count) {
        System.arraycopy(bytes, count, bytes, 0, length - count);
        length -= count;
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    public ByteBuilder append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    public ByteBuilder append(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
        return this;
    }

    public ByteBuilder append(byte[] src) {
        return append(src, 0, src.length);
    }

    public ByteBuilder append(ByteBuilder other) {
        return append(other.bytes, 0, other.length);
    }

    /** Appends the low byte of each char: only for text known to be ASCII. */
    public ByteBuilder appendAscii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends {@code count} copies of {@code b}. */
    public ByteBuilder repeat(byte b, int count) {
        if (count > 0) {
            ensure(count);
            Arrays.fill(bytes, length, length + count, b);
            length += count;
        }
        return this;
    }

    /** Appends {@code text} as UTF-8; a lone surrogate becomes U+FFFD. */
    public ByteBuilder appendUtf8(CharSequence text) {
        return appendUtf8(text, 0, text.length());
    }

    /** Appends {@code text[start, end)} as UTF-8; a lone surrogate becomes U+FFFD. */
    public ByteBuilder appendUtf8(CharSequence text, int start, int end) {
        ensure(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (length == bytes.length) {
                    ensure(end - i);
                }
                bytes[length++] = (byte) c;
            } else {
                i = appendNonAscii(text, i, end, c);
            }
        }
        return this;
    }

    /**
     * Appends one non-ASCII char (or surrogate pair) at {@code index} as UTF-8.
     *
     * @return the index of the last char consumed
     */
    public int appendNonAscii(CharSequence text, int index, int end, char c) {
        ensure(4);
        if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && index + 1 < end && Character.isLowSurrogate(text.charAt(index + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(index + 1));
                bytes[length++] = (byte) (0xF0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
                return index + 1;
            }
            bytes[length++] = (byte) 0xEF; // U+FFFD replacement character
            bytes[length++] = (byte) 0xBF;
            bytes[length++] = (byte) 0xBD;
        } else {
            bytes[length++] = (byte) (0xE0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        }
        return index;
    }

    /**
     * Copies chars from {@code src[from, to)} while they are printable ASCII (U+0020 to U+007E), one byte
     * each, and returns the index of the first char it did not copy ({@code to} if it copied them all).
     * Formats use it for the common case and handle the rest (escapes, multi-byte UTF-8) themselves.
     */
    public int appendPrintableAscii(char[] src, int from, int to) {
        ensure(to - from);
        byte[] b = bytes;
        int len = length;
        int i = from;
        while (i < to) {
            char c = src[i];
            if (c < 0x20 || c >= 0x7F) {
                break;
            }
            b[len++] = (byte) c;
            i++;
        }
        length = len;
        return i;
    }

    /**
     * As {@link #appendPrintableAscii}, but stops at {@code "} and {@code \\} too: the common case of a
     * JSON string's content, which needs no escape.
     */
    public int appendJsonPlainAscii(char[] src, int from, int to) {
        ensure(to - from);
        byte[] b = bytes;
        int len = length;
        int i = from;
        while (i < to) {
            char c = src[i];
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                break;
            }
            b[len++] = (byte) c;
            i++;
        }
        length = len;
        return i;
    }

    /**
     * As {@link #appendJsonPlainAscii(char[], int, int)}, from bytes known to be printable ASCII (a
     * {@link ByteText}'s): copies them up to the first {@code "} or {@code \\} and returns its index.
     */
    public int appendJsonPlainAscii(byte[] src, int from, int to) {
        ensure(to - from);
        byte[] b = bytes;
        int len = length;
        int i = from;
        while (i < to) {
            byte c = src[i];
            if (c == '"' || c == '\\') {
                break;
            }
            b[len++] = c;
            i++;
        }
        length = len;
        return i;
    }

    /**
     * A scratch array of at least {@code minLength} chars, owned by this builder, for formats to copy text
     * into before encoding it (one bulk copy instead of a call per char). Its content is undefined.
     */
    public char[] charScratch(int minLength) {
        if (chars.length < minLength) {
            chars = new char[Math.max(minLength, chars.length * 2)];
        }
        return chars;
    }

    /** Copies {@code text[start, end)} into {@code dst} from index 0, in bulk for strings, builders and {@link ByteText}. */
    public static void copyChars(CharSequence text, int start, int end, char[] dst) {
        if (text instanceof String) {
            ((String) text).getChars(start, end, dst, 0);
        } else if (text instanceof StringBuilder) {
            ((StringBuilder) text).getChars(start, end, dst, 0);
        } else if (text instanceof ByteText) {
            ((ByteText) text).getChars(start, end, dst, 0);
        } else {
            for (int i = start; i < end; i++) {
                dst[i - start] = text.charAt(i);
            }
        }
    }

    /** Appends a decimal number. */
    public ByteBuilder appendDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            return append(MIN_LONG);
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int digits = digitCount(value);
        int pos = length + digits;
        do {
            bytes[--pos] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        length += digits;
        return this;
    }

    /** Appends a non-negative number as exactly {@code width} digits, zero-padded. */
    public ByteBuilder appendPadded(long value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[length + i] = (byte) ('0' + (value % 10));
            value /= 10;
        }
        length += width;
        return this;
    }

    /** Writes everything to {@code out} and empties the buffer. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }

    /**
     * Writes as much as the channel takes; what was written is removed from the front, so after an
     * exception the unwritten rest is still here for a retry.
     */
    public void writeTo(WritableByteChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            int written = buffer.position();
            if (written == length) {
                length = 0;
            } else if (written > 0) {
                discardFront(written);
            }
        }
    }

    /** The content decoded as UTF-8 (allocates; for tests and diagnostics). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            int needed = length + extra;
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    private static int digitCount(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }
}
