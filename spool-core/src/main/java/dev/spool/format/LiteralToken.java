package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.nio.charset.StandardCharsets;

/** Text of the pattern itself, encoded once. Written as given: it comes from the configuration, not the event. */
final class LiteralToken extends Token {

    private final byte[] utf8;

    LiteralToken(String text) {
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        out.append(utf8);
    }
}
