package dev.spool.spi.support;

import dev.spool.internal.bytes.Words;

/**
 * Finds line ends ({@code '\n'}) in bytes eight at a time: the one scan that every receiver of newline-delimited
 * JSON uses (the collector's framing of a connection's reads, the consumer's split of a message into lines),
 * where the bytes are many lines of a few hundred bytes and a byte-by-byte loop is a visible share of the work.
 */
public final class LineEnds {

    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private LineEnds() {
    }

    /**
     * Where the first {@code '\n'} in {@code bytes[from, to)} is, or {@code to} if there is none.
     *
     * <p>In {@code x} (eight bytes XOR eight LFs) the bytes equal to LF are zero, and
     * {@code (x - ONES) & ~x & HIGH_BITS} sets the high bit of the lowest zero byte (higher ones may be set
     * falsely by its borrow, never a lower one), so the lowest set bit names the first LF.
     *
     * @throws IndexOutOfBoundsException if {@code from} or {@code to} is outside {@code bytes} or {@code from > to}
     */
    public static int next(byte[] bytes, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, bytes.length);
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long x = Words.littleEndianLong(bytes, i) ^ NEWLINES;
            long zeros = (x - ONES) & ~x & HIGH_BITS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return to;
    }
}
