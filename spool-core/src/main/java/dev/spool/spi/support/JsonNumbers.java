package dev.spool.spi.support;

import java.nio.charset.StandardCharsets;

/**
 * JSON numbers in UTF-8 bytes, exactly per the grammar ({@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}):
 * the one scanner and the one conversion that {@link JsonReader} and a receiver's own fast reader share.
 */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    /**
     * Scans the number that starts at {@code pos} in {@code in[pos, end)}.
     *
     * @return the index just after it, or {@code -(i + 1)} when a digit was expected at index {@code i}
     */
    public static int scan(byte[] in, int pos, int end) {
        int i = pos;
        if (i < end && in[i] == '-') {
            i++;
        }
        if (i < end && in[i] == '0') {
            i++;
        } else if ((i = digits(in, i, end)) < 0) {
            return i;
        }
        if (i < end && in[i] == '.' && (i = digits(in, i + 1, end)) < 0) {
            return i;
        }
        if (i < end && (in[i] == 'e' || in[i] == 'E')) {
            i++;
            if (i < end && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            i = digits(in, i, end);
        }
        return i;
    }

    /** Whether a number {@link #scan} accepted in {@code in[start, stop)} has neither fraction nor exponent. */
    public static boolean integral(byte[] in, int start, int stop) {
        for (int i = start; i < stop; i++) {
            if (in[i] == '.' || in[i] == 'e' || in[i] == 'E') {
                return false;
            }
        }
        return true;
    }

    /** The value of a number {@link #scan} accepted: a Long if it is an integer of 64 bits, a Double otherwise. */
    public static Object value(byte[] in, int start, int stop) {
        boolean integral = integral(in, start, stop);
        if (integral && stop - start <= 18) {
            return Long.valueOf(parseLong(in, start, stop));
        }
        String text = new String(in, start, stop - start, StandardCharsets.US_ASCII);
        if (integral) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException beyond64Bits) {
                return Double.parseDouble(text);
            }
        }
        return Double.parseDouble(text);
    }

    /** An integral number {@link #scan} accepted, of at most 18 characters (so it cannot overflow). */
    public static long parseLong(byte[] in, int start, int stop) {
        boolean negative = in[start] == '-';
        long n = 0;
        for (int i = negative ? start + 1 : start; i < stop; i++) {
            n = n * 10 + (in[i] - '0');
        }
        return negative ? -n : n;
    }

    /** Index after one or more digits from {@code i}, or {@code -(i + 1)} if there is none. */
    private static int digits(byte[] in, int i, int end) {
        int start = i;
        while (i < end && in[i] >= '0' && in[i] <= '9') {
            i++;
        }
        return i == start ? -(start + 1) : i;
    }
}
