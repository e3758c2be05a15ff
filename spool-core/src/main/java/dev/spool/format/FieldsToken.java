package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

/**
 * {@code %kv}: the event's fields as {@code key=value}, each after a space; nothing without fields. Keys are
 * escaped and encoded once and then copied as bytes, in a table like {@link NameToken}'s: a program logs the
 * same few keys. Values are written each time ({@link EventToken#appendValue}).
 */
final class FieldsToken extends Token {

    private final NameToken.Entry[] keys = NameToken.newCache();

    @Override
    void render(LogEvent event, ByteBuilder out) {
        for (int i = 0; i < event.fieldCount(); i++) {
            out.append((byte) ' ');
            NameToken.append(keys, event.fieldKey(i), out);
            out.append((byte) '=');
            EventToken.appendValue(event.fieldValue(i), out);
        }
    }
}
