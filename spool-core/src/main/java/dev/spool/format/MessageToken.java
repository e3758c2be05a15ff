package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

/** {@code %m} and the pattern's literal text after it ({@link Token#withSuffix}), such as {@code %m%n}. */
final class MessageToken implements Token {

    private final byte[] suffix;

    MessageToken(byte[] suffix) {
        this.suffix = suffix;
    }

    @Override
    public void render(LogEvent event, ByteBuilder out) {
        LineEscaper.append(event.message(), out);
        out.append(suffix);
    }

    @Override
    public Token withSuffix(byte[] more) {
        return new MessageToken(Suffix.join(suffix, more));
    }
}
