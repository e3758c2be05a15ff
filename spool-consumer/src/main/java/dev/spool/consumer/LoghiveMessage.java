package dev.spool.consumer;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A message in Loghive's own structure, one JSON object per message:
 * {@code {"service":"svc","level":"INFO","message":"…","information":{…},"timestamp":"2024-12-27 10:30:45"}}
 * (docs/migrating-from-loghive.md). {@code information} becomes typed fields; a {@code timestamp} without a
 * zone is read in the configured zone; levels are Python's names ({@code WARNING}, {@code CRITICAL}) or
 * Spool's. Loghive sends no id, so the id is derived from the message itself: a redelivery of the same
 * bytes gets the same id and is stored once.
 */
final class LoghiveMessage {

    /** The keys of the structure; any other top-level key is kept as a field of the same name. */
    private static final List<String> KEYS = List.of("service", "level", "message", "information", "timestamp");

    /** {@code 2024-12-27 10:30:45}, optionally with a fraction of up to 9 digits; {@code T} accepted for the space. */
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    private LoghiveMessage() {
    }

    /**
     * Whether {@code object} is in Loghive's structure rather than a Spool event line: it has
     * {@code service}, {@code level} and {@code message} and no {@code v}.
     */
    static boolean looksLike(Map<String, Object> object) {
        return !object.containsKey("v") && object.containsKey("service") && object.containsKey("level")
                && object.containsKey("message");
    }

    /**
     * The event of one Loghive message.
     *
     * @param body the message's bytes as received (after gzip), from which the id is derived
     * @throws InvalidMessage {@link DeadReason#BAD_EVENT} naming the key that is wrong and what is accepted
     */
    static LogEvent read(Map<String, Object> object, byte[] body, ZoneId zone) throws InvalidMessage {
        String service = text(object, "service");
        if (service.isBlank()) {
            throw bad("key 'service' is empty: expected the name of the service that logged");
        }
        Level level;
        try {
            level = Level.parse(text(object, "level"));
        } catch (IllegalArgumentException e) {
            throw bad("key 'level': " + e.getMessage());
        }
        String message = text(object, "message");
        long micros = timestamp(text(object, "timestamp"), zone);
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Object information = object.get("information");
        if (information instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) information;
            fields.forEach((k, v) -> add(keys, values, k, v));
        } else if (information != null) {
            throw bad("key 'information' is " + kind(information) + ": expected an object of fields");
        }
        for (Map.Entry<String, Object> e : object.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                add(keys, values, e.getKey(), e.getValue());
            }
        }
        long[] id = id(body, micros / 1000);
        return new Event(id[0], id[1], micros, level, service, message, keys.toArray(new String[0]),
                values.toArray(), new Resource(service, "unknown", 0));
    }

    /** A field value as logged: strings, integers, decimals and booleans keep their type; objects and arrays become their JSON text. */
    private static void add(List<String> keys, List<Object> values, String key, Object value) {
        if (value == null) {
            return; // Python's None: nothing to store
        }
        keys.add(key);
        values.add(value instanceof Map || value instanceof List ? json(value) : value);
    }

    private static String json(Object value) {
        StringBuilder out = new StringBuilder();
        writeJson(value, out);
        return out.toString();
    }

    private static void writeJson(Object value, StringBuilder out) {
        if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.append(first ? "" : ",").append(JsonEscaper.quote(String.valueOf(e.getKey()))).append(':');
                writeJson(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                out.append(first ? "" : ",");
                writeJson(item, out);
                first = false;
            }
            out.append(']');
        } else if (value instanceof String) {
            out.append(JsonEscaper.quote((String) value));
        } else {
            out.append(value); // Long, Double, Boolean, null
        }
    }

    private static String text(Map<String, Object> object, String key) throws InvalidMessage {
        Object value = object.get(key);
        if (value == null) {
            throw bad("missing key '" + key + "': a Loghive message has service, level, message and timestamp");
        }
        if (!(value instanceof String)) {
            throw bad("key '" + key + "' is " + kind(value) + ": expected a string");
        }
        return (String) value;
    }

    /** Microseconds since the epoch: an ISO offset date-time, or a local one read in {@code zone}. */
    private static long timestamp(String text, ZoneId zone) throws InvalidMessage {
        String t = text.trim();
        try {
            OffsetDateTime withOffset = OffsetDateTime.parse(t.replace(' ', 'T'));
            return micros(withOffset.toEpochSecond(), withOffset.getNano());
        } catch (DateTimeException ignored) {
            // no offset: a local time, Loghive's own form
        }
        try {
            var instant = LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant();
            return micros(instant.getEpochSecond(), instant.getNano());
        } catch (DateTimeException e) {
            throw bad("key 'timestamp' is '" + (t.length() > 64 ? t.substring(0, 64) + "…" : t)
                    + "': expected YYYY-MM-DD HH:MM:SS[.fraction] (read in " + zone + ") or an ISO-8601 time with an offset");
        }
    }

    private static long micros(long epochSecond, int nanos) {
        return epochSecond * 1_000_000 + nanos / 1_000;
    }

    /**
     * An id that is the same for the same message bytes: 48 bits of the event's milliseconds, as every
     * Spool id starts (so it sorts by time), then 80 bits of the message's SHA-256. Two messages with the
     * same bytes are one event; Loghive's timestamps have whole seconds, so two identical messages from
     * one service in the same second are stored once (docs/migrating-from-loghive.md).
     */
    static long[] id(byte[] body, long epochMillis) {
        byte[] digest;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("loghive\0".getBytes(StandardCharsets.US_ASCII));
            digest = sha.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        ByteBuffer bits = ByteBuffer.wrap(digest);
        long high = (Math.max(0, epochMillis) << 16) | (bits.getShort() & 0xFFFFL);
        long low = bits.getLong();
        return new long[] {high, low};
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    private static InvalidMessage bad(String why) {
        return new InvalidMessage(DeadReason.BAD_EVENT, "Loghive message: " + why);
    }

    /** The event read from one message: plain immutable values. */
    private static final class Event implements LogEvent {
        private final long idHigh;
        private final long idLow;
        private final long micros;
        private final Level level;
        private final String logger;
        private final String message;
        private final String[] keys;
        private final Object[] values;
        private final Resource resource;

        Event(long idHigh, long idLow, long micros, Level level, String logger, String message, String[] keys,
              Object[] values, Resource resource) {
            this.idHigh = idHigh;
            this.idLow = idLow;
            this.micros = micros;
            this.level = level;
            this.logger = logger;
            this.message = message;
            this.keys = keys;
            this.values = values;
            this.resource = resource;
        }

        @Override public long idHigh() { return idHigh; }
        @Override public long idLow() { return idLow; }
        @Override public long timestampMicros() { return micros; }
        @Override public Level level() { return level; }
        @Override public String logger() { return logger; }
        @Override public String threadName() { return ""; }
        @Override public long threadId() { return 0; }
        @Override public CharSequence message() { return message; }
        @Override public int fieldCount() { return keys.length; }
        @Override public String fieldKey(int index) { return keys[index]; }
        @Override public Object fieldValue(int index) { return values[index]; }
        @Override public ContextMap context() { return ContextMap.EMPTY; }
        @Override public Throwable throwable() { return null; }
        @Override public Resource resource() { return resource; }
    }
}
