package dev.spool.store;

import dev.spool.ContextMap;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event's fields and context as flat JSON objects, the form both stores keep them in, and back.
 *
 * <p>Numbers and booleans stay bare, NaN and infinities become strings, anything else is its text.
 * {@link #STANDARD} escapes NUL as {@code \u0000}; {@link #NUL_REPLACED} writes U+FFFD instead, for
 * stores such as PostgreSQL whose text and jsonb cannot hold NUL, so one bad character cannot cost a
 * batch. {@link #parse} reads either back (it also accepts the spaces PostgreSQL prints after {@code :}
 * and {@code ,}) into values in their text form. Stateless and thread-safe.
 */
public final class FlatJson {

    /** Escapes every control character, NUL included. */
    public static final FlatJson STANDARD = new FlatJson(false);
    /** As {@link #STANDARD}, but NUL becomes U+FFFD. */
    public static final FlatJson NUL_REPLACED = new FlatJson(true);

    private final boolean replaceNul;

    private FlatJson(boolean replaceNul) {
        this.replaceNul = replaceNul;
    }

    /** The event's fields as a JSON object, or null when it has none. {@code scratch} is reused. */
    public String fields(LogEvent event, StringBuilder scratch) {
        if (event.fieldCount() == 0) {
            return null;
        }
        scratch.setLength(0);
        scratch.append('{');
        for (int i = 0; i < event.fieldCount(); i++) {
            member(scratch, i, String.valueOf(event.fieldKey(i)));
            value(scratch, event.fieldValue(i));
        }
        return scratch.append('}').toString();
    }

    /** The context as a JSON object of strings, or null when it is empty. */
    public String context(ContextMap context, StringBuilder scratch) {
        if (context.isEmpty()) {
            return null;
        }
        scratch.setLength(0);
        scratch.append('{');
        for (int i = 0; i < context.size(); i++) {
            member(scratch, i, context.key(i));
            string(scratch, context.value(i));
        }
        return scratch.append('}').toString();
    }

    /** A one-member object, such as a jsonb containment ({@code @>}) criterion. */
    public String member(String key, String rawJsonValue) {
        StringBuilder out = new StringBuilder().append('{');
        string(out, key);
        return out.append(':').append(rawJsonValue).append('}').toString();
    }

    /** {@code text} as a JSON string literal. */
    public String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        string(out, text);
        return out.toString();
    }

    private void member(StringBuilder out, int index, String key) {
        if (index > 0) {
            out.append(',');
        }
        string(out, key);
        out.append(':');
    }

    private void value(StringBuilder out, Object v) {
        boolean finite = (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
                || (v instanceof Double && Double.isFinite((Double) v)) || (v instanceof Float && Float.isFinite((Float) v));
        if (v instanceof Boolean || finite) {
            out.append(v);
        } else {
            string(out, String.valueOf(v)); // NaN, Infinity, BigDecimal and the rest are kept as text
        }
    }

    private void string(StringBuilder out, String s) {
        JsonEscaper.appendString(replaceNul && s.indexOf('\0') >= 0 ? s.replace('\0', '\uFFFD') : s, out);
    }

    /**
     * The members of a flat JSON object, values in their text form; empty for null or empty text.
     *
     * @throws IllegalArgumentException for anything but a flat object
     */
    public static Map<String, String> parse(String json) {
        Map<String, String> map = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) {
            return map;
        }
        Cursor c = new Cursor(json);
        c.expect('{');
        if (c.peek() == '}') {
            return map;
        }
        do {
            String key = c.string();
            c.expect(':');
            map.put(key, c.value());
        } while (c.next() == ',');
        return map;
    }

    /** Reads a flat object as written above or as PostgreSQL prints jsonb; anything else fails loudly. */
    private static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
            if (at >= s.length()) {
                throw new IllegalArgumentException("truncated JSON object: " + s);
            }
            return s.charAt(at);
        }

        char next() {
            char c = peek();
            at++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + (at - 1) + " in " + s);
            }
        }

        String value() {
            if (peek() == '"') {
                return string();
            }
            int start = at;
            while (at < s.length() && s.charAt(at) != ',' && s.charAt(at) != '}') {
                at++;
            }
            return s.substring(start, at).trim();
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            for (char c = charAt(at++); c != '"'; c = charAt(at++)) {
                if (c == '\\') {
                    c = unescape(charAt(at++));
                }
                out.append(c);
            }
            return out.toString();
        }

        private char charAt(int index) {
            if (index >= s.length()) {
                throw new IllegalArgumentException("truncated JSON string: " + s);
            }
            return s.charAt(index);
        }

        private char unescape(char e) {
            switch (e) {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'u':
                    at += 4;
                    if (at > s.length()) {
                        throw new IllegalArgumentException("truncated escape: " + s);
                    }
                    return (char) Integer.parseInt(s.substring(at - 4, at), 16);
                default: return e; // \" \\ \/
            }
        }
    }
}
