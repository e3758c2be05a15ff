package dev.spool.format;

import dev.spool.spi.ByteBuilder;

/**
 * Escaping for text output, so that one event is one line whatever its message holds: CR, LF and TAB
 * become {@code \r}, {@code \n}, {@code \t}; other C0 controls, DEL, U+0085, U+2028 and U+2029 (which some
 * readers treat as line breaks) become a backslash, {@code u} and four hex digits.
 *
 * <p>Backslash itself is not escaped. The aim is that nobody can forge a log line or hide text behind
 * terminal control sequences, not that the text can be decoded exactly; doubling every backslash would
 * make Windows paths and regular expressions in messages hard to read.
 */
final class LineEscaper implements Escaper {

    static final LineEscaper INSTANCE = new LineEscaper();

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private LineEscaper() {
    }

    @Override
    public void append(CharSequence text, int start, int end, ByteBuilder out) {
        // One pass over a bulk copy: printable ASCII goes straight through, everything else is looked at.
        int n = end - start;
        char[] chars = out.charScratch(n);
        ByteBuilder.copyChars(text, start, end, chars);
        int i = 0;
        while (i < n) {
            i = out.appendPrintableAscii(chars, i, n);
            if (i == n) {
                break;
            }
            char c = chars[i];
            if (needsEscape(c)) {
                appendEscape(c, out);
            } else {
                i = out.appendNonAscii(text, start + i, end, c) - start;
            }
            i++;
        }
    }

    static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static void appendEscape(char c, ByteBuilder out) {
        switch (c) {
            case '\r': out.append((byte) '\\').append((byte) 'r'); break;
            case '\n': out.append((byte) '\\').append((byte) 'n'); break;
            case '\t': out.append((byte) '\\').append((byte) 't'); break;
            default: appendUnicodeEscape(c, out);
        }
    }

    /** Appends a backslash, {@code u} and four upper-case hex digits. */
    static void appendUnicodeEscape(char c, ByteBuilder out) {
        out.append((byte) '\\').append((byte) 'u')
                .append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
