package dev.spool.format;

import dev.spool.spi.ByteBuilder;

/**
 * Escaping for JSON string contents (RFC 8259): {@code \"}, {@code \\}, the short forms {@code \n \r \t
 * \b \f}, and {@code \}{@code u00XX} for other controls. U+0085, U+2028 and U+2029 are escaped too: they
 * are legal in JSON but JavaScript and some line-splitting readers take them as line ends, which would
 * break the one-object-per-line framing.
 */
final class JsonEscaper implements Escaper {

    static final JsonEscaper INSTANCE = new JsonEscaper();

    private JsonEscaper() {
    }

    @Override
    public void append(CharSequence text, int start, int end, ByteBuilder out) {
        int run = start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                out.appendUtf8(text, run, i);
                appendEscape(c, out);
                run = i + 1;
            }
        }
        out.appendUtf8(text, run, end);
    }

    /** Appends {@code text} as a quoted JSON string, or {@code null} when it is null. */
    void appendString(CharSequence text, ByteBuilder out) {
        if (text == null) {
            out.appendAscii("null");
            return;
        }
        out.append((byte) '"');
        append(text, 0, text.length(), out);
        out.append((byte) '"');
    }

    private static void appendEscape(char c, ByteBuilder out) {
        switch (c) {
            case '"': out.append((byte) '\\').append((byte) '"'); break;
            case '\\': out.append((byte) '\\').append((byte) '\\'); break;
            case '\n': out.append((byte) '\\').append((byte) 'n'); break;
            case '\r': out.append((byte) '\\').append((byte) 'r'); break;
            case '\t': out.append((byte) '\\').append((byte) 't'); break;
            case '\b': out.append((byte) '\\').append((byte) 'b'); break;
            case '\f': out.append((byte) '\\').append((byte) 'f'); break;
            default: LineEscaper.appendUnicodeEscape(c, out);
        }
    }
}
