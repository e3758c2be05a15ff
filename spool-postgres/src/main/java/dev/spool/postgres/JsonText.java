package dev.spool.postgres;

import dev.spool.ContextMap;
import dev.spool.spi.LogEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat JSON objects of the {@code fields}, {@code context} and {@code tags} jsonb columns: written from
 * an event into a reused builder, and read back from jsonb's text output into text values. Objects are
 * never nested, so this small reader is all the JSON the store needs.
 */
final class JsonText {

    private JsonText() {
    }

    /** The event's fields as a JSON object, or null when it has none. */
    static String fields(LogEvent event, StringBuilder scratch) {
        int n = event.fieldCount();
        if (n == 0) {
            return null;
        }
        scratch.setLength(0);
        scratch.append('{');
        for (int i = 0; i < n; i++) {
            member(scratch, i, String.valueOf(event.fieldKey(i)));
            value(scratch, event.fieldValue(i));
        }
        return scratch.append('}').toString();
    }

    /** The context as a JSON object, or null when it is empty. */
    static String context(ContextMap context, StringBuilder scratch) {
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

    /** A one-member object, for jsonb containment ({@code @>}) criteria. */
    static String member(String key, String rawJsonValue) {
        StringBuilder out = new StringBuilder().append('{');
        string(out, key);
        return out.append(':').append(rawJsonValue).append('}').toString();
    }

    /** {@code text} as a JSON string literal. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        string(out, text);
        return out.toString();
    }

    private static void member(StringBuilder out, int index, String key) {
        if (index > 0) {
            out.append(',');
        }
        string(out, key);
        out.append(':');
    }

    private static void value(StringBuilder out, Object v) {
        boolean finite = (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
                || (v instanceof Double && Double.isFinite((Double) v)) || (v instanceof Float && Float.isFinite((Float) v));
        if (v instanceof Boolean || finite) {
            out.append(v);
        } else {
            string(out, String.valueOf(v)); // NaN, Infinity, BigDecimal and the rest are kept as text
        }
    }

    /**
     * Appends a JSON string. NUL becomes U+FFFD: jsonb rejects {@code \u0000} as PostgreSQL text cannot
     * hold it, and one bad character must not cost the whole batch.
     */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == 0) {
                out.append(Text.REPLACEMENT);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The members of a jsonb object's text output, values in text form; empty for null. */
    static Map<String, String> parse(String json) {
        Map<String, String> map = new LinkedHashMap<>(); // jsonb's key order (by length, then bytes), not the logged one
        if (json == null) {
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

    /** Reads the JSON PostgreSQL prints for a flat jsonb object; anything else fails loudly. */
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
            for (char c = s.charAt(at++); c != '"'; c = s.charAt(at++)) {
                if (c == '\\') {
                    c = unescape(s.charAt(at++));
                }
                out.append(c);
            }
            return out.toString();
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
                    return (char) Integer.parseInt(s.substring(at - 4, at), 16);
                default: return e; // \" \\ \/
            }
        }
    }
}
