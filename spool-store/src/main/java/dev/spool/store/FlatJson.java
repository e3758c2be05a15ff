package dev.spool.store;

import dev.spool.ContextMap;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An event's fields and context as flat JSON objects, the form both stores keep them in, and back.
 *
 * <p>Numbers, booleans and null stay bare (a floating-point number always with a fraction or a negative
 * exponent, so that it reads back as one), NaN and infinities become strings, anything else is its text.
 * {@link #STANDARD} escapes NUL as {@code \u0000}; {@link #NUL_REPLACED} writes U+FFFD instead, for
 * stores such as PostgreSQL whose text and jsonb cannot hold NUL, so one bad character cannot cost a
 * batch. {@link #parse} reads either back, as PostgreSQL prints it too, with the values' types; {@link #parseText}
 * in their text form. Stateless and thread-safe.
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
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte) {
            out.append(v);
        } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            out.append(fraction(v.toString()));
        } else {
            string(out, String.valueOf(v)); // NaN, Infinity, BigDecimal and the rest are kept as text
        }
    }

    /**
     * A floating-point number's text that still reads as one after PostgreSQL's jsonb has normalised it:
     * jsonb prints {@code 1.0E15} as {@code 1000000000000000}, which would come back as an integer, so a
     * positive exponent is written out ({@code 1000000000000000.0}). Other forms jsonb keeps with a fraction.
     */
    static String fraction(String javaText) {
        int e = javaText.indexOf('E');
        if (e < 0 || javaText.charAt(e + 1) == '-') {
            return javaText;
        }
        String plain = new BigDecimal(javaText).toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain; // 1.5E7 is 15000000.0, 1.2345678901E8 123456789.01
    }

    private void string(StringBuilder out, String s) {
        JsonEscaper.appendString(replaceNul && s.indexOf('\0') >= 0 ? s.replace('\0', '\uFFFD') : s, out);
    }

    /**
     * The members of a flat JSON object with their types: a string as {@link String}, an integer as
     * {@link Long} (past 64 bits, {@link Double}), any other number as {@link Double}, {@code true} and
     * {@code false} as {@link Boolean}, {@code null} as null. Empty for null or empty text. Reads what
     * {@link #fields} wrote and what PostgreSQL prints for a jsonb object.
     *
     * @throws IllegalArgumentException for anything but a flat object (nested values, bad JSON)
     */
    public static Map<String, Object> parse(String json) {
        Map<String, Object> map = new LinkedHashMap<>();
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
            map.put(key, c.value()); // a key logged twice keeps its last value, as PostgreSQL's jsonb does
        } while (c.next() == ',');
        return map;
    }

    /**
     * As {@link #parse}, with every value in its text form ({@code 42}, {@code 1.5}, {@code true}; null
     * stays null): for the context, whose values are strings, and for metric tags.
     */
    public static Map<String, String> parseText(String json) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, Object> member : parse(json).entrySet()) {
            map.put(member.getKey(), member.getValue() == null ? null : String.valueOf(member.getValue()));
        }
        return map;
    }

    /**
     * Reads a flat object as written above or as PostgreSQL prints jsonb; anything else fails loudly. Not
     * {@link dev.spool.spi.support.JsonReader}: rows written before may hold a key twice, which that strict
     * reader refuses, and a stored row must stay readable.
     */
    private static final class Cursor {
        /** A JSON number, loosely: what is not one fails in the parse that follows. */
        private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.eE+-]*");

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

        Object value() {
            if (peek() == '"') {
                return string();
            }
            int start = at;
            while (at < s.length() && s.charAt(at) != ',' && s.charAt(at) != '}') {
                at++;
            }
            String token = s.substring(start, at).trim();
            switch (token) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                case "null": return null;
                default: return number(token);
            }
        }

        private Object number(String token) {
            if (!NUMBER.matcher(token).matches()) {
                throw new IllegalArgumentException("bad value '" + token + "' in " + s);
            }
            if (token.indexOf('.') < 0 && token.indexOf('e') < 0 && token.indexOf('E') < 0) {
                try {
                    return Long.parseLong(token);
                } catch (NumberFormatException pastLong) {
                    return Double.parseDouble(token); // an integer past 64 bits, as JsonReader reads it
                }
            }
            return Double.parseDouble(token);
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
