package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

/**
 * One piece of a text pattern: literal text or one part of the event, such as {@code %m}.
 *
 * <p>A class, not an interface: a pattern's tokens are of a dozen classes, so {@link TextFormat}'s call to
 * {@code render} cannot be inlined, and HotSpot dispatches a call through an abstract class by one table
 * load where a call through an interface searches the receiver's interfaces first
 * (docs/decisions/token-dispatch.md).
 */
abstract class Token {

    /** Appends this token's text for {@code event}; must not allocate in steady state. */
    abstract void render(LogEvent event, ByteBuilder out);
}
