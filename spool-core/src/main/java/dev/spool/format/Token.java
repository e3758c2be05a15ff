package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

/** One piece of a text pattern: literal text or one part of the event, such as {@code %m}. */
interface Token {

    /** Appends this token's text for {@code event}; must not allocate in steady state. */
    void render(LogEvent event, ByteBuilder out);

    /**
     * This token followed by the constant {@code suffix} (the pattern's literal text after it) as one token
     * that writes the same bytes, or null when this token cannot take it; {@link PatternParser} joins them so
     * that the writer makes one call and one copy where it made two of each.
     */
    default Token withSuffix(byte[] suffix) {
        return null;
    }
}
