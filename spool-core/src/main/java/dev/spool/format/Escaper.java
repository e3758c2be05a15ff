package dev.spool.format;

import dev.spool.spi.ByteBuilder;

/** Writes untrusted text as UTF-8 with the characters its output format cannot hold raw escaped. */
interface Escaper {

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
