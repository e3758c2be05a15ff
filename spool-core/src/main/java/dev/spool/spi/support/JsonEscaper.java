package dev.spool.spi.support;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.ByteText;

/**
 * The one JSON string escaper (RFC 8259), used by every JSON writer of Spool: the {@code json} format,
 * the stores' field columns, the CLI's and the web API's output, status lines, alerts and the wire
 * protocol.
 *
 * <p>Rules: {@code \"} and {@code \\}; the short forms {@code \n \r \t \b \f}; {@code \}{@code u00XX} for
 * the other C0 controls; U+0085, U+2028 and U+2029 escaped too, because they are legal in JSON but
 * JavaScript and some line-splitting readers take them as line ends, which would break one object per
 * line; a lone surrogate becomes U+FFFD (it has no UTF-8 form). Everything else is written as it is.
 * Stateless and thread-safe.
 */
public final class JsonEscaper {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private JsonEscaper() {
    }

    /** Appends {@code text} as a quoted JSON string in UTF-8, or {@code null} when it is null. */
    public static void appendString(CharSequence text, ByteBuilder out) {
        if (text == null) {
            out.appendAscii("null");
            return;
        }
        out.append((byte) '"');
        appendContent(text, 0, text.length(), out);
        out.append((byte) '"');
    }

    /** Appends {@code text[start, end)} escaped, without quotes, in UTF-8. */
    public static void appendContent(CharSequence text, int start, int end, ByteBuilder out) {
        if (text instanceof ByteText) {
            byte[] ascii = ((ByteText) text).printableAscii();
            if (ascii != null) {
                appendAsciiContent(ascii, start, end, out);
                return;
            }
        }
        // One pass over a bulk copy, as LineEscaper: plain ASCII goes straight through, the rest is looked at.
        int n = end - start;
        char[] chars = out.charScratch(n);
        ByteBuilder.copyChars(text, start, end, chars);
        int i = 0;
        while (i < n) {
            i = out.appendJsonPlainAscii(chars, i, n);
            if (i == n) {
                break;
            }
            char c = chars[i];
            if (needsEscape(c)) {
                appendEscape(c, out);
            } else if (c < 0x80) {
                out.append((byte) c); // DEL: legal in JSON as it is
            } else {
                i = out.appendNonAscii(text, start + i, end, c) - start;
            }
            i++;
        }
    }

    /** Printable ASCII bytes (a {@link ByteText}'s): only {@code "} and {@code \\} need an escape. */
    private static void appendAsciiContent(byte[] ascii, int start, int end, ByteBuilder out) {
        int i = start;
        while (i < end) {
            i = out.appendJsonPlainAscii(ascii, i, end);
            if (i == end) {
                break;
            }
            out.append((byte) '\\').append(ascii[i]);
            i++;
        }
    }

    /** Appends {@code text} as a quoted JSON string, or {@code null} when it is null. */
    public static void appendString(CharSequence text, StringBuilder out) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                appendEscape(c, out);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                } else {
                    out.append('\uFFFD');
                }
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** {@code text} as a quoted JSON string ({@code null} for null). */
    public static String quote(CharSequence text) {
        StringBuilder out = new StringBuilder(text == null ? 4 : text.length() + 8);
        appendString(text, out);
        return out.toString();
    }

    /** Appends a backslash, {@code u} and four upper-case hex digits: the escape every Spool writer uses. */
    public static void appendUnicodeEscape(char c, ByteBuilder out) {
        out.append((byte) '\\').append((byte) 'u')
                .append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    /** As {@link #appendUnicodeEscape(char, ByteBuilder)}, into text. */
    public static void appendUnicodeEscape(char c, StringBuilder out) {
        out.append('\\').append('u')
                .append((char) HEX[(c >> 12) & 0xF]).append((char) HEX[(c >> 8) & 0xF])
                .append((char) HEX[(c >> 4) & 0xF]).append((char) HEX[c & 0xF]);
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static char shortForm(char c) {
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '\n': return 'n';
            case '\r': return 'r';
            case '\t': return 't';
            case '\b': return 'b';
            case '\f': return 'f';
            default: return 0;
        }
    }

    private static void appendEscape(char c, ByteBuilder out) {
        char s = shortForm(c);
        if (s != 0) {
            out.append((byte) '\\').append((byte) s);
        } else {
            appendUnicodeEscape(c, out);
        }
    }

    private static void appendEscape(char c, StringBuilder out) {
        char s = shortForm(c);
        if (s != 0) {
            out.append('\\').append(s);
        } else {
            appendUnicodeEscape(c, out);
        }
    }
}
