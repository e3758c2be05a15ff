package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

/** One piece of a text pattern: literal text or one part of the event, such as {@code %m}. */
interface Token {

    /** Appends this token's text for {@code event}; must not allocate in steady state. */
    void render(LogEvent event, ByteBuilder out);
}
