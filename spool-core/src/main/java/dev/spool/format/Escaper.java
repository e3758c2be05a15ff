package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.JsonEscaper;
import dev.spool.spi.support.LineEscaper;

/** One of the two escapers, for code that writes the same thing in both formats (stack frames). */
interface Escaper {

    Escaper JSON = JsonEscaper::appendContent;
    Escaper LINE = LineEscaper::append;

    /** Appends {@code text[start, end)} escaped; a lone surrogate becomes U+FFFD. */
    void append(CharSequence text, int start, int end, ByteBuilder out);

    /** Appends all of {@code text} escaped, or {@code null} when it is null. */
    default void append(CharSequence text, ByteBuilder out) {
        if (text == null) {
            out.appendAscii("null");
        } else {
            append(text, 0, text.length(), out);
        }
    }
}
