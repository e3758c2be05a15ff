package dev.spool.cli.store;

import java.util.Map;

/** Builds one JSON object on one line: the {@code --json} output of the store commands. */
final class JsonLine {

    private final StringBuilder b = new StringBuilder("{");

    JsonLine string(String key, String value) {
        name(key);
        quote(value);
        return this;
    }

    JsonLine number(String key, long value) {
        name(key);
        b.append(value);
        return this;
    }

    JsonLine number(String key, double value) {
        name(key);
        if (Double.isFinite(value)) {
            b.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value));
        } else {
            b.append("null");
        }
        return this;
    }

    JsonLine object(String key, Map<String, String> members) {
        name(key);
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : members.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(e.getKey());
            b.append(':');
            quote(e.getValue());
        }
        b.append('}');
        return this;
    }

    /** A member whose value is already JSON. */
    JsonLine raw(String key, String json) {
        name(key);
        b.append(json);
        return this;
    }

    private void name(String key) {
        if (b.length() > 1) {
            b.append(',');
        }
        quote(key);
        b.append(':');
    }

    private void quote(String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return b + "}";
    }
}
