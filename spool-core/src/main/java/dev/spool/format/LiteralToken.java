package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.nio.charset.StandardCharsets;

/** Text of the pattern itself, encoded once. Written as given: it comes from the configuration, not the event. */
final class LiteralToken extends Token {

    private final byte[] utf8;

    LiteralToken(String text) {
        this(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Text already encoded, such as a newline and the literal after it. */
    LiteralToken(byte[] utf8) {
        this.utf8 = utf8;
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        out.append(utf8);
    }

    @Override
    Token followedBy(byte[] suffix) {
        return new LiteralToken(concat(utf8, suffix));
    }

    @Override
    byte[] fixedBytes() {
        return utf8;
    }
}
