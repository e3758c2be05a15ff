package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.nio.charset.StandardCharsets;

/** Text of the pattern itself, encoded once. Written as given: it comes from the configuration, not the event. */
final class LiteralToken implements Token {

    private final byte[] utf8;

    LiteralToken(String text) {
        this(text.getBytes(StandardCharsets.UTF_8));
    }

    private LiteralToken(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The bytes it writes. */
    byte[] bytes() {
        return utf8;
    }

    @Override
    public Token withSuffix(byte[] suffix) {
        return new LiteralToken(Suffix.join(utf8, suffix));
    }

    @Override
    public void render(LogEvent event, ByteBuilder out) {
        out.append(utf8);
    }
}
