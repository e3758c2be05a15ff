package dev.spool.spi.support;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.ByteText;

/**
 * The one escaper for text output (the text format, the CLI's and the alerts' plain-text lines), so that
 * one event is one line whatever its message holds: CR, LF and TAB become {@code \r}, {@code \n},
 * {@code \t}; other C0 controls, DEL, U+0085, U+2028 and U+2029 (which some readers treat as line breaks)
 * become a backslash, {@code u} and four hex digits. Stateless and thread-safe.
 *
 * <p>Backslash itself is not escaped. The aim is that nobody can forge a log line or hide text behind
 * terminal control sequences, not that the text can be decoded exactly; doubling every backslash would
 * make Windows paths and regular expressions in messages hard to read.
 */
public final class LineEscaper {

    private LineEscaper() {
    }

    /** Appends all of {@code text} escaped, or {@code null} when it is null. */
    public static void append(CharSequence text, ByteBuilder out) {
        if (text == null) {
            out.appendAscii("null");
        } else {
            append(text, 0, text.length(), out);
        }
    }

    /** Appends {@code text[start, end)} escaped in UTF-8; a lone surrogate becomes U+FFFD. */
    public static void append(CharSequence text, int start, int end, ByteBuilder out) {
        if (text instanceof ByteText) {
            byte[] ascii = ((ByteText) text).printableAscii();
            if (ascii != null) { // printable ASCII needs no escape: the bytes as they are
                out.append(ascii, start, end - start);
                return;
            }
        }
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

    /** {@code text} with the characters above escaped ({@code null} for null). */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                out.append(c);
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                JsonEscaper.appendUnicodeEscape(c, out);
            }
        }
        return out.toString();
    }

    /** Whether {@code c} is written escaped. */
    public static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static void appendEscape(char c, ByteBuilder out) {
        switch (c) {
            case '\r': out.append((byte) '\\').append((byte) 'r'); break;
            case '\n': out.append((byte) '\\').append((byte) 'n'); break;
            case '\t': out.append((byte) '\\').append((byte) 't'); break;
            default: JsonEscaper.appendUnicodeEscape(c, out);
        }
    }
}
