package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

/** {@code %X{key}}: one context value, escaped; nothing when the key is absent. */
final class ContextValueToken extends Token {

    private final String key;

    ContextValueToken(String key) {
        this.key = key;
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        String value = event.context().get(key);
        if (value != null) {
            LineEscaper.append(value, out);
        }
    }
}
