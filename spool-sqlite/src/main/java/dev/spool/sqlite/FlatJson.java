package dev.spool.sqlite;

import dev.spool.ContextMap;
import dev.spool.spi.LogEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat JSON objects of the {@code fields}, {@code context} and {@code tags} columns: written from an
 * event into a reused builder, read back into text values. Values are strings, numbers or booleans; an
 * object is never nested, so this small reader is all the JSON the store needs.
 */
final class FlatJson {

    private FlatJson() {
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
            if (i > 0) {
                scratch.append(',');
            }
            string(scratch, String.valueOf(event.fieldKey(i)));
            scratch.append(':');
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
            if (i > 0) {
                scratch.append(',');
            }
            string(scratch, context.key(i));
            scratch.append(':');
            string(scratch, context.value(i));
        }
        return scratch.append('}').toString();
    }

    private static void value(StringBuilder out, Object v) {
        boolean finiteNumber = v instanceof Number && !(v instanceof Double && !Double.isFinite((Double) v))
                && !(v instanceof Float && !Float.isFinite((Float) v));
        if (v instanceof Boolean || finiteNumber) {
            out.append(v);
        } else {
            string(out, String.valueOf(v)); // NaN, Infinity and anything else are kept as text
        }
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** The object's members with values in text form; an empty map for null or empty text. */
    static Map<String, String> parse(String json) {
        Map<String, String> map = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) {
            return map;
        }
        Reader r = new Reader(json);
        r.expect('{');
        if (r.peek() == '}') {
            return map;
        }
        do {
            String key = r.string();
            r.expect(':');
            map.put(key, r.value());
        } while (r.next() == ',');
        return map;
    }

    /** A cursor over JSON this class wrote; anything else fails with an IllegalArgumentException. */
    private static final class Reader {
        private final String s;
        private int at;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
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
            while (at < s.length() && ",}".indexOf(s.charAt(at)) < 0) {
                at++;
            }
            return s.substring(start, at).trim();
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(at++);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u': out.append((char) Integer.parseInt(s.substring(at, at + 4), 16)); at += 4; break;
                    default: out.append(e); // \" \\ \/
                }
            }
        }
    }
}
