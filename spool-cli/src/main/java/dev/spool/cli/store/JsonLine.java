package dev.spool.cli.store;

import dev.spool.format.JsonFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.JsonEscaper;
import dev.spool.store.LogRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds one JSON object on one line: the {@code --json} output of the store commands and the bodies of
 * the web view's API. Nested values go in through {@link #raw} and {@link #array}.
 */
public final class JsonLine {

    private final StringBuilder b = new StringBuilder("{");

    public JsonLine string(String key, String value) {
        name(key);
        quote(value);
        return this;
    }

    public JsonLine number(String key, long value) {
        name(key);
        b.append(value);
        return this;
    }

    public JsonLine number(String key, double value) {
        name(key);
        if (Double.isFinite(value)) {
            b.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value));
        } else {
            b.append("null");
        }
        return this;
    }

    public JsonLine object(String key, Map<String, String> members) {
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
    public JsonLine raw(String key, String json) {
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
        quote(b, s);
    }

    /** {@code s} as a JSON string literal ({@code null} for null). */
    public static String quoted(String s) {
        StringBuilder b = new StringBuilder(s == null ? 4 : s.length() + 2);
        quote(b, s);
        return b.toString();
    }

    private static void quote(StringBuilder b, String s) {
        JsonEscaper.appendString(s, b);
    }

    /** A member whose value is an array of values that are already JSON. */
    public JsonLine array(String key, List<String> jsonValues) {
        return raw(key, "[" + String.join(",", jsonValues) + "]");
    }

    /**
     * A stored event as one line of the JSON Lines format (docs/formats.md), without the line feed: the
     * members of {@code spool query --json}, {@code spool tail --json} and the API's records, the same
     * schema a {@code json} file destination writes, so that the line can be sent to a collector as it is.
     */
    public static String record(LogRecord r) {
        ByteBuilder out = new ByteBuilder(512);
        JsonFormat.of().format(new StoredEvent(r), out);
        out.truncate(out.length() - 1); // the line feed
        return out.toString();
    }

    /** Microseconds since the epoch as an ISO-8601 UTC instant. */
    public static String instant(long micros) {
        // not through nanoseconds since the epoch: those overflow a long after the year 2262
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
    }

    @Override
    public String toString() {
        return b + "}";
    }
}
