package dev.spool.collector.otlp;

import dev.spool.spi.support.JsonEscaper;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What an OTLP {@code AnyValue} becomes in an event: a string, 64-bit integer, double or boolean as
 * itself; bytes as base64 text; an array or a key/value list as its JSON text (a field holds scalars
 * only). Nesting deeper than {@link #MAX_DEPTH} is refused by the decoders.
 */
final class AnyValues {

    /** Deepest AnyValue nesting accepted (an attribute's value is depth 1). */
    static final int MAX_DEPTH = 32;

    private AnyValues() {
    }

    static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("AnyValue nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** A decoded value (String, Long, Double, Boolean, byte[], List, Map) as a field value. */
    static Object fieldValue(Object value) {
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        if (value instanceof List || value instanceof Map) {
            StringBuilder json = new StringBuilder();
            json(value, json);
            return json.toString();
        }
        return value;
    }

    private static void json(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            JsonEscaper.appendString((String) value, out);
        } else if (value instanceof byte[]) {
            JsonEscaper.appendString(Base64.getEncoder().encodeToString((byte[]) value), out);
        } else if (value instanceof Double && (((Double) value).isNaN() || ((Double) value).isInfinite())) {
            JsonEscaper.appendString(value.toString(), out);
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object v : (List<?>) value) {
                out.append(first ? "" : ",");
                first = false;
                json(v, out);
            }
            out.append(']');
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                JsonEscaper.appendString(String.valueOf(e.getKey()), out);
                out.append(':');
                json(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(value);
        }
    }
}
