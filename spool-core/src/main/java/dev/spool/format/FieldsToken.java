package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

/**
 * {@code %kv}: the event's fields as {@code key=value}, each after a space; nothing without fields. Keys are
 * escaped and encoded once and then copied as bytes, in a table like {@link NameToken}'s: a program logs the
 * same few keys. Values are written each time ({@link #appendValue}).
 */
final class FieldsToken extends Token {

    private final NameToken.Entry[] keys = NameToken.newCache();

    @Override
    void render(LogEvent event, ByteBuilder out) {
        for (int i = 0; i < event.fieldCount(); i++) {
            out.append((byte) ' ');
            NameToken.append(keys, event.fieldKey(i), out);
            out.append((byte) '=');
            appendValue(event.fieldValue(i), out);
        }
    }

    /**
     * A field value in text: strings escaped, integers and booleans as such, anything else by toString.
     *
     * <p>The final classes are tested before the interface {@code CharSequence}: a type test against an
     * interface that the value's class does not implement (an {@code Integer} is not a {@code CharSequence})
     * scans the class's list of interfaces every time, which cost the writer tens of nanoseconds per number
     * (docs/decisions/kv-writer.md).
     */
    private static void appendValue(Object value, ByteBuilder out) {
        if (value instanceof String) {
            LineEscaper.append((String) value, out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.appendDecimal(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            out.appendAscii((Boolean) value ? "true" : "false");
        } else if (value instanceof CharSequence) {
            LineEscaper.append((CharSequence) value, out);
        } else {
            // Double and Float print as Java does (NaN, Infinity, 1.0E10); this allocates.
            LineEscaper.append(UserCode.toString(value), out);
        }
    }
}
