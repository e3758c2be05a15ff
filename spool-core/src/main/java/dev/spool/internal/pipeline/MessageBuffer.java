package dev.spool.internal.pipeline;

import dev.spool.spi.ByteText;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message being formatted (a {@link Capture}'s) or queued (a {@link Slot}'s), held as bytes while it is all
 * printable ASCII and as chars from the first char that is not. Writers copy the bytes of an ASCII message
 * instead of encoding its chars ({@link ByteText}); a message with any other char (a control char, anything
 * above U+007E) is held and written exactly as before bytes existed, so every format's output is unchanged.
 *
 * <p>Not thread-safe: one thread formats into it, and a slot's is read by the writer after the publish.
 */
final class MessageBuffer extends ByteText {

    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];
    /** 10^0 to 10^18, for {@link #digitCount}. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private byte[] bytes;
    private int length;          // of bytes, while !asChars
    private boolean asChars;
    private StringBuilder chars; // made on first need: most slots never hold a message as chars
    private StringBuilder numberScratch;

    MessageBuffer(int initialBytes) {
        bytes = new byte[initialBytes];
    }

    /** Empties it, back to bytes. */
    void clear() {
        length = 0;
        asChars = false;
    }

    /** Makes this a copy of {@code source}: its bytes, or its chars. */
    void copyOf(MessageBuffer source) {
        if (source.asChars) {
            setChars(source.chars);
        } else {
            setBytes(source.bytes, source.length);
        }
    }

    /**
     * Makes this {@code text}: its bytes when it holds printable ASCII as bytes (a {@link ByteText} such as
     * the collector's reader gives), else its chars (an event made elsewhere).
     */
    void setText(CharSequence text) {
        byte[] ascii = text instanceof ByteText b ? b.printableAscii() : null;
        if (ascii == null) {
            setChars(text);
        } else {
            setBytes(ascii, text.length());
        }
    }

    private void setBytes(byte[] ascii, int n) {
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        System.arraycopy(ascii, 0, bytes, 0, n);
        length = n;
        asChars = false;
    }

    /** Makes this {@code text}, held as chars (an event made elsewhere). */
    void setChars(CharSequence text) {
        StringBuilder c = chars(text.length());
        c.setLength(0);
        c.append(text);
        asChars = true;
    }

    /** Appends {@code s[from, to)} as it is. */
    void append(String s, int from, int to) {
        if (!asChars) {
            ensure(to - from);
            byte[] b = bytes;
            int len = length;
            int i = from;
            for (; i < to; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    break;
                }
                b[len++] = (byte) c;
            }
            length = len;
            if (i == to) {
                return;
            }
            switchToChars();
            from = i;
        }
        chars.append(s, from, to);
    }

    void append(String s) {
        append(s, 0, s.length());
    }

    /** Appends {@code n} bytes of printable ASCII from {@code src[from]} (a {@link PatternPlan}'s text). */
    void appendAscii(byte[] src, int from, int n) {
        if (!asChars) {
            ensure(n);
            System.arraycopy(src, from, bytes, length, n);
            length += n;
            return;
        }
        for (int i = from; i < from + n; i++) {
            chars.append((char) src[i]);
        }
    }

    void append(CharSequence s) {
        if (s instanceof String) {
            append((String) s, 0, s.length());
            return;
        }
        int i = 0;
        int n = s.length();
        if (!asChars) {
            ensure(n);
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    break;
                }
                bytes[length++] = (byte) c;
            }
            if (i == n) {
                return;
            }
            switchToChars();
        }
        chars.append(s, i, n);
    }

    void append(char c) {
        if (!asChars) {
            if (c >= 0x20 && c <= 0x7E) {
                ensure(1);
                bytes[length++] = (byte) c;
                return;
            }
            switchToChars();
        }
        chars.append(c);
    }

    void append(boolean b) {
        append(b ? "true" : "false");
    }

    /** Appends the decimal digits of {@code v}, as {@link StringBuilder#append(long)} does. */
    void append(long v) {
        if (asChars) {
            chars.append(v);
            return;
        }
        if (v == Long.MIN_VALUE) {
            ensure(MIN_LONG.length);
            System.arraycopy(MIN_LONG, 0, bytes, length, MIN_LONG.length);
            length += MIN_LONG.length;
            return;
        }
        ensure(20);
        byte[] b = bytes;
        int pos = length;
        if (v < 0) {
            b[pos++] = '-';
            v = -v;
        }
        int end = pos + digitCount(v);
        int at = end;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            b[--at] = DIGIT_ONES[r];
            b[--at] = DIGIT_TENS[r];
            v = q;
        }
        int r = (int) v;
        b[--at] = DIGIT_ONES[r];
        if (r >= 10) {
            b[--at] = DIGIT_TENS[r];
        }
        length = end;
    }

    /**
     * Appends {@code v} as {@link StringBuilder#append(double)} does (the digits of {@link Double#toString}).
     * A value the common way a double is logged (12.5, 0.25, 1999.99: see {@link #shortDecimalUnits}) is
     * written from its integer units; any other takes the JDK's digits (on JDK 17 about 100 ns a value).
     */
    void append(double v) {
        if (asChars) {
            chars.append(v);
            return;
        }
        long units = shortDecimalUnits(v);
        if (units >= 0) {
            appendUnits(v < 0, units);
        } else {
            append(numberScratch().append(v)); // its digits, then copied as bytes
        }
    }

    /**
     * For a finite {@code v} with 10^-3 <= |v| < 10^7 that a decimal of at most 8 fraction digits reads back
     * as, that decimal times 10^8 (an exact integer); otherwise -1. Such a decimal is the only one with at most
     * 8 fraction digits that reads back as {@code v} (two of them differ by at least 10^-8, the values reading
     * back as one double below 10^7 span at most 2^-29), so, its trailing zeros dropped, it is the shortest:
     * the digits {@link Double#toString} gives in its plain range from 10^-3 to 10^7
     * (docs/decisions/double-digits.md). The test is one multiplication, one rounding and one division:
     * if such a decimal exists, {@code |v| * 10^8} is within 0.16 of its units, so rint finds them, and the
     * division of two exact doubles rounds as reading the decimal does.
     */
    static long shortDecimalUnits(double v) {
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            double units = Math.rint(a * 1e8);
            if (units / 1e8 == a) {
                return (long) units;
            }
        }
        return -1;
    }

    /** Writes {@code units / 10^8} as Double.toString does in its plain range: at least one fraction digit. */
    private void appendUnits(boolean negative, long units) {
        if (negative) {
            append('-');
        }
        append(units / 100_000_000);
        int fraction = (int) (units % 100_000_000);
        int digits = 8;
        if (fraction == 0) {
            digits = 1;
        } else {
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
        }
        ensure(digits + 1);
        byte[] b = bytes;
        b[length] = '.';
        int end = length + 1 + digits;
        for (int at = end - 1; at > length; at--) { // leading zeros included: 0.0025 is units 250,000
            b[at] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        length = end;
    }

    /** Appends {@code v} as {@link StringBuilder#append(float)} does. */
    void append(float v) {
        if (asChars) {
            chars.append(v);
        } else {
            append(numberScratch().append(v)); // its digits, then copied as bytes
        }
    }

    /**
     * Appends {@code pattern} from {@code from} up to the next {@code {}} placeholder, writing escaped ones
     * ({@code \{}}) as literal braces and {@code \\{}} as one backslash before the placeholder. Returns the
     * index after that placeholder, or, when none is left, the complement ({@code ~i}) of the index the rest
     * of the pattern starts at. One pass that looks at each char once while it copies it, instead of a search
     * and then a copy.
     */
    int appendToPlaceholder(String pattern, int from) {
        if (asChars) {
            return charsToPlaceholder(pattern, from);
        }
        int n = pattern.length();
        ensure(n - from); // every char is at most one byte ("\{}" is three chars, two bytes)
        byte[] b = bytes;
        int len = length;
        for (int i = from; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < n && pattern.charAt(i + 1) == '}') {
                if (i > 0 && pattern.charAt(i - 1) == '\\') {
                    if (i > 1 && pattern.charAt(i - 2) == '\\') {
                        length = len - 1; // "\\{}": one backslash, then the argument
                        return i + 2;
                    }
                    b[len - 1] = '{'; // "\{}": literal braces in place of the backslash
                    b[len++] = '}';
                    i++;
                    continue;
                }
                length = len;
                return i + 2;
            }
            if (c < 0x20 || c > 0x7E) {
                length = len;
                switchToChars();
                return charsToPlaceholder(pattern, i);
            }
            b[len++] = (byte) c;
        }
        length = len;
        return ~n;
    }

    /** {@link #appendToPlaceholder} on chars: what the formatter did before messages were bytes. */
    private int charsToPlaceholder(String pattern, int from) {
        StringBuilder out = chars;
        while (true) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                return ~from;
            }
            if (at > 0 && pattern.charAt(at - 1) == '\\') {
                if (at > 1 && pattern.charAt(at - 2) == '\\') {
                    out.append(pattern, from, at - 1); // "\\{}": one backslash, then the argument
                    return at + 2;
                }
                out.append(pattern, from, at - 1).append("{}"); // "\{}": literal braces
                from = at + 2;
            } else {
                out.append(pattern, from, at);
                return at + 2;
            }
        }
    }

    /** Cuts the message at {@code maxChars} (not inside a surrogate pair) and says how much was cut. */
    void truncate(int maxChars) {
        int cut = maxChars;
        int removed;
        if (asChars) {
            if (Character.isHighSurrogate(chars.charAt(cut - 1))) {
                cut--;
            }
            removed = chars.length() - cut;
            chars.setLength(cut);
        } else {
            removed = length - cut;
            length = cut;
        }
        append("...[truncated ");
        append((long) removed);
        append(" chars]");
    }

    /** Lets go of arrays grown past {@code maxChars} by one huge message, so it does not pin them. */
    void trimOver(int maxChars) {
        if (bytes.length > maxChars) {
            bytes = new byte[64];
            length = 0;
            asChars = false;
        }
        if (chars != null && chars.capacity() > maxChars) {
            chars.setLength(0);
            chars.trimToSize();
            asChars = false;
        }
    }

    @Override
    public byte[] printableAscii() {
        return asChars ? null : bytes;
    }

    @Override
    public void getChars(int start, int end, char[] dst, int dstBegin) {
        if (asChars) {
            chars.getChars(start, end, dst, dstBegin);
            return;
        }
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        byte[] b = bytes;
        for (int i = start; i < end; i++) {
            dst[dstBegin + i - start] = (char) b[i];
        }
    }

    @Override
    public int length() {
        return asChars ? chars.length() : length;
    }

    @Override
    public char charAt(int index) {
        if (asChars) {
            return chars.charAt(index);
        }
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + ", length " + length);
        }
        return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return asChars ? chars.toString() : new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    /** From here on the message is chars: the bytes so far (all ASCII) become its first chars. */
    private void switchToChars() {
        StringBuilder c = chars(length + 16);
        c.setLength(0);
        byte[] b = bytes;
        for (int i = 0; i < length; i++) {
            c.append((char) b[i]);
        }
        asChars = true;
    }

    private StringBuilder chars(int minCapacity) {
        if (chars == null) {
            chars = new StringBuilder(Math.max(64, minCapacity));
        }
        return chars;
    }

    private StringBuilder numberScratch() {
        if (numberScratch == null) {
            numberScratch = new StringBuilder(32);
        }
        numberScratch.setLength(0);
        return numberScratch;
    }

    private void ensure(int extra) {
        int needed = length + extra;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    /**
     * Digits of {@code v >= 0}, without a loop: the bit length times log10(2) (1233 / 4096) is the count or one
     * more, and one comparison with a power of ten decides. {@code v | 1} makes 0 one digit and leaves every
     * comparison as it was (the powers of ten from 10 are even).
     */
    static int digitCount(long v) {
        long x = v | 1;
        int guess = ((64 - Long.numberOfLeadingZeros(x)) * 1233) >>> 12;
        return guess + 1 - (x < POWERS_OF_TEN[guess] ? 1 : 0);
    }
}
