package dev.spool;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event identifiers: 128 bits, unique across processes and hosts, sortable by time.
 *
 * <p>Layout: 48 bits of epoch milliseconds, then 40 bits chosen at random when the process starts
 * (the "node"), then a 40-bit per-process counter. Printed as 26 characters of Crockford base32, the
 * ULID text form, so the string sorts like the time it was made. Two processes collide only if they draw
 * the same 40 random bits <em>and</em> produce an event in the same millisecond with the same counter
 * value. Stores de-duplicate on this id.
 */
public final class EventId {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final byte[] ALPHABET_BYTES = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".getBytes(StandardCharsets.US_ASCII);
    private static final long NODE = new SecureRandom().nextLong() & 0xFF_FFFF_FFFFL;
    private static final AtomicLong COUNTER = new AtomicLong(new SecureRandom().nextInt() & 0xFFFFFF);

    /** Length of the text form. */
    public static final int TEXT_LENGTH = 26;

    private EventId() {
    }

    /** The high 64 bits of a new id made at {@code epochMillis}. Pair with {@link #nextLow()}. */
    public static long high(long epochMillis) {
        return (epochMillis << 16) | (NODE >>> 24);
    }

    /** The low 64 bits of a new id: node bits and the next value of the process-wide counter. */
    public static long nextLow() {
        return low(COUNTER.getAndIncrement());
    }

    /**
     * Reserves {@code count} consecutive counter values for one thread to use with {@link #low(long)},
     * so a writer assigning many ids pays for one atomic operation per block instead of one per id.
     *
     * @return the first reserved value
     */
    public static long reserve(int count) {
        return COUNTER.getAndAdd(count);
    }

    /** The low 64 bits of an id for a counter value obtained from {@link #reserve(int)}. */
    public static long low(long counterValue) {
        return ((NODE & 0xFFFFFF) << 40) | (counterValue & 0xFF_FFFF_FFFFL);
    }

    /** Writes the 26-character text form into {@code out} starting at {@code offset}. */
    public static void encode(long high, long low, char[] out, int offset) {
        // 128 bits as 26 base32 digits: the first digit carries the top 3 bits (ULID).
        for (int i = TEXT_LENGTH - 1; i >= 0; i--) {
            int bitIndex = (TEXT_LENGTH - 1 - i) * 5; // bit position of this digit's lowest bit
            out[offset + i] = ALPHABET[fiveBits(high, low, bitIndex)];
        }
    }

    /** Writes the 26-character text form as ASCII bytes into {@code out} starting at {@code offset}. */
    public static void encode(long high, long low, byte[] out, int offset) {
        // The same digits as the char[] form, from the last: 12 from the low word alone, one that takes the
        // low word's top 4 bits and the high word's lowest bit, then 13 from the high word. The writer
        // encodes an id per event, and a shift per digit costs less than picking each digit's word apart.
        int at = offset + TEXT_LENGTH;
        long bits = low;
        for (int i = 0; i < 12; i++) {
            out[--at] = ALPHABET_BYTES[(int) (bits & 31)];
            bits >>>= 5;
        }
        out[--at] = ALPHABET_BYTES[(int) ((low >>> 60) | ((high & 1) << 4))];
        bits = high >>> 1;
        for (int i = 0; i < 13; i++) {
            out[--at] = ALPHABET_BYTES[(int) (bits & 31)];
            bits >>>= 5;
        }
    }

    /** The 26-character text form. Allocates; formats use the {@code encode} methods. */
    public static String toString(long high, long low) {
        char[] chars = new char[TEXT_LENGTH];
        encode(high, low, chars, 0);
        return new String(chars);
    }

    /** Milliseconds since the epoch at which the id with these high bits was made. */
    public static long epochMillis(long high) {
        return high >>> 16;
    }

    /**
     * The 8 characters of an id's text that hold its 40 node bits (characters 11 to 18): the same for
     * every id one process makes, so they attribute a stored event to the process that made it.
     */
    public static String nodeText(long high, long low) {
        return toString(high, low).substring(10, 18);
    }

    /** {@link #nodeText} of the ids this process makes. */
    public static String localNodeText() {
        return nodeText(high(0), low(0));
    }

    /** The 8 characters of an id's text that hold the 40-bit counter for {@code counterValue}. */
    public static String counterText(long counterValue) {
        return toString(0, low(counterValue)).substring(18);
    }

    private static int fiveBits(long high, long low, int bitIndex) {
        long bits;
        if (bitIndex + 5 <= 64) {
            bits = low >>> bitIndex;
        } else if (bitIndex >= 64) {
            bits = high >>> (bitIndex - 64);
        } else {
            bits = (low >>> bitIndex) | (high << (64 - bitIndex));
        }
        return (int) (bits & 31);
    }
}
