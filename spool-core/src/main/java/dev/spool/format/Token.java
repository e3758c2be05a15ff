package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.util.Arrays;

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

    /**
     * This token and then the pattern's fixed bytes {@code suffix} as one token, or null when it cannot take
     * them. {@link TextFormat} joins each literal text to the token before it this way, so the default
     * pattern is six calls per event instead of eleven, and its four literals are copied with the bytes
     * before them (docs/decisions/writer-cut.md, last section). The joined token writes exactly what the two wrote.
     */
    Token followedBy(byte[] suffix) {
        return null;
    }

    /** The bytes a token always writes whatever the event (literal text, {@code %n}), or null. */
    byte[] fixedBytes() {
        return null;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
