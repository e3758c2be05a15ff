package dev.spool.collector.json;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.spi.RemoteThrowable;
import dev.spool.spi.support.JsonReader;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one line of the JSON Lines schema (docs/formats.md, version 1) back into a {@link LogEvent}:
 * the reverse of {@link dev.spool.format.JsonFormat}, for events that arrive from other processes and languages.
 *
 * <p>Strict: the line must be one valid JSON object in valid UTF-8 with {@code "v":1}, a known
 * {@code level} and a {@code message}; unknown keys, duplicate keys, wrong types and nested field values
 * are errors. {@code id}, {@code ts}, {@code logger}, {@code thread}, {@code thread_id} and the resource
 * keys may be left out (a fresh id, the time of reading, empty names, {@code unknown}), so a client in
 * any language can send a minimal event; a sender that resends must set {@code id}, the key that
 * receivers de-duplicate on. An {@code exception} becomes a {@link RemoteThrowable}. Nothing is ever
 * interpreted or deserialized as Java.
 *
 * <p>A line longer than the reader's limit is refused before it is parsed; a caller reading from a
 * network must also bound the line before it holds it (the collector does). Parsing allocates a small
 * multiple of the line's length at most. Not thread-safe; the event {@link #read} returns is immutable and
 * independent of the input bytes, the one {@link #readTransient} returns is the reader's own until its next call.
 */
public final class JsonEventReader {

    /** The default bound on one event's encoded size: 1 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = dev.spool.forward.Forwarding.DEFAULT_MAX_EVENT_BYTES;

    private static final Set<String> KEYS = Set.of("v", "id", "ts", "level", "logger", "thread", "thread_id",
            "message", "fields", "context", "exception", "service", "host", "pid", "kind", "metric", "ledger");
    private static final Set<String> LEDGER_KEYS = Set.of("node", "start_us", "pipeline", "destination", "at_us",
            "sent", "failed", "dropped", "last_counter", "final", "relay");
    private static final Set<String> RELAY_KEYS = Set.of("role", "upstream", "received", "written", "duplicates",
            "failed", "dead_lettered", "rejected");
    private static final int MAX_DROP_REASONS = 16;
    private static final int MAX_LEDGER_NAME = 256;
    private static final Set<String> EXCEPTION_KEYS = Set.of("class", "message", "stack", "cause", "suppressed",
            "circular");
    private static final int MAX_THROWABLES = 100;
    private static final String UNKNOWN = "unknown";

    private final int maxEventBytes;
    private final DirectEventReader direct = new DirectEventReader();
    private final ReadEvent transientEvent = new ReadEvent();
    private final AsciiSpan transientMessage = new AsciiSpan();
    private Resource lastResource = new Resource(UNKNOWN, UNKNOWN, 0);
    private int throwables;

    /** A reader refusing lines over {@link #DEFAULT_MAX_EVENT_BYTES}. */
    public JsonEventReader() {
        this(DEFAULT_MAX_EVENT_BYTES);
    }

    /** A reader refusing lines over {@code maxEventBytes} before looking at them. */
    public JsonEventReader(int maxEventBytes) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("bad value " + maxEventBytes + " for maxEventBytes: expected 1 or more");
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Parses {@code length} bytes at {@code offset} (without the line feed).
     *
     * @throws IllegalArgumentException saying what is wrong and where; nothing is returned for a bad line
     */
    public LogEvent read(byte[] bytes, int offset, int length) {
        checkLength(length);
        ReadEvent event = new ReadEvent();
        return direct(bytes, offset, length, event, null) ? event : readTree(bytes, offset, length);
    }

    /**
     * As {@link #read}, for a caller that is done with the event before it reads the next line (the
     * collector hands each event to its pipeline, which copies it): the event returned, and its message,
     * may be this reader's own, refilled by its next call, so a line of the common shape costs neither a
     * new event nor a new String for its message. Same checks, same errors, same values as {@link #read}.
     */
    public LogEvent readTransient(byte[] bytes, int offset, int length) {
        checkLength(length);
        return direct(bytes, offset, length, transientEvent, transientMessage) ? transientEvent
                : readTree(bytes, offset, length);
    }

    private void checkLength(int length) {
        if (length > maxEventBytes) {
            throw new IllegalArgumentException("event of " + length + " bytes is over the limit of " + maxEventBytes);
        }
    }

    /** The direct reader's try, with the resource: false when the general path must read the line. */
    private boolean direct(byte[] bytes, int offset, int length, ReadEvent event, AsciiSpan span) {
        if (!direct.read(bytes, offset, length, event, span)) {
            return false;
        }
        String service = direct.service == null ? UNKNOWN : direct.service;
        String host = direct.host == null ? UNKNOWN : direct.host;
        if (service.isBlank() || host.isBlank()) {
            return false;
        }
        event.resource = resource(service, host, direct.pid);
        return true;
    }

    /**
     * The general path: the line parsed into a tree first, then checked key by key. It reads every valid
     * line and says what is wrong with every other one; {@link #read} takes it for any line the direct
     * reader declines.
     */
    LogEvent readTree(byte[] bytes, int offset, int length) {
        Object tree = JsonReader.parse(bytes, offset, length);
        if (!(tree instanceof Map)) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        Map<String, Object> json = object(tree, "event");
        checkKeys(json, KEYS, "");
        Object version = json.get("v");
        if (!Long.valueOf(1).equals(version)) {
            throw new IllegalArgumentException("bad value " + version + " for 'v': expected 1");
        }
        ReadEvent event = new ReadEvent();
        identity(json, event);
        event.level = level(json.get("level"));
        event.logger = optionalString(json, "logger", "");
        event.threadName = optionalString(json, "thread", "");
        event.threadId = optionalLong(json, "thread_id", 0);
        event.message = requiredString(json, "message");
        fields(json.get("fields"), event);
        event.context = context(json.get("context"));
        throwables = 0;
        event.throwable = json.containsKey("exception") ? throwable(json.get("exception"), "exception") : null;
        event.resource = resource(json);
        metric(json, event);
        return event;
    }

    /**
     * Parses a strict JSON object from a protocol control line (a handshake), with the same rules as
     * events: valid UTF-8, no duplicate keys, bounded nesting.
     *
     * @throws IllegalArgumentException if the bytes are not exactly one JSON object
     */
    public static Map<String, Object> readObject(byte[] bytes, int offset, int length) {
        return object(JsonReader.parse(bytes, offset, length), "line");
    }

    private static void identity(Map<String, Object> json, ReadEvent event) {
        Object ts = json.get("ts");
        if (ts == null) {
            event.timestampMicros = Math.multiplyExact(System.currentTimeMillis(), 1000L);
        } else {
            event.timestampMicros = micros(requiredString(json, "ts"));
        }
        Object id = json.get("id");
        if (id == null) {
            event.idHigh = EventId.high(event.timestampMicros / 1000);
            event.idLow = EventId.nextLow();
        } else {
            long[] parts = decodeId(requiredString(json, "id"));
            event.idHigh = parts[0];
            event.idLow = parts[1];
        }
    }

    private static long micros(String text) {
        if (isCanonical(text)) {
            return canonicalMicros(text);
        }
        try {
            Instant instant = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for 'ts': expected UTC time such as "
                    + "2025-11-21T23:55:01.123456Z");
        }
    }

    /** Whether {@code text} has the exact shape JsonFormat writes: {@code 2025-11-21T23:55:01.123456Z}. */
    private static boolean isCanonical(String text) {
        if (text.length() != 27 || text.charAt(26) != 'Z') {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            char c = text.charAt(i);
            char expected = i == 4 || i == 7 ? '-' : i == 10 ? 'T' : i == 13 || i == 16 ? ':' : i == 19 ? '.' : '0';
            if (expected == '0' ? c < '0' || c > '9' : c != expected) {
                return false;
            }
        }
        return text.charAt(17) < '6'; // a leap second (:60) takes the general path
    }

    /** The common case without a parser: a collector reads one timestamp per event. */
    private static long canonicalMicros(String text) {
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException("bad value '" + text + "' for 'ts': no such time of day");
        }
        long day;
        try {
            day = java.time.LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2)).toEpochDay();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for 'ts': " + e.getMessage());
        }
        long seconds = day * 86_400 + hour * 3_600L + minute * 60L + number(text, 17, 2);
        return seconds * 1_000_000L + number(text, 20, 6);
    }

    private static int number(String text, int start, int digits) {
        int n = 0;
        for (int i = start; i < start + digits; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }

    /**
     * Decodes the 26-character text form of an event id (Crockford base32, case-insensitive).
     *
     * @return {high, low}
     * @throws IllegalArgumentException if the text is not an id
     */
    public static long[] decodeId(CharSequence text) {
        if (text.length() != EventId.TEXT_LENGTH || digit(text.charAt(0)) > 7) {
            throw new IllegalArgumentException("bad value '" + text + "' for 'id': expected 26 characters of "
                    + "Crockford base32, the first one 0-7");
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < EventId.TEXT_LENGTH; i++) {
            int d = digit(text.charAt(i));
            if (d < 0) {
                throw new IllegalArgumentException("bad character in 'id': " + text);
            }
            high = high << 5 | low >>> 59; // shift the 128-bit value left by 5 across both halves
            low = low << 5 | d;
        }
        return new long[] {high, low};
    }

    private static int digit(char c) {
        char u = Character.toUpperCase(c);
        if (u >= '0' && u <= '9') {
            return u - '0';
        }
        int i = "ABCDEFGHJKMNPQRSTVWXYZ".indexOf(u);
        return u < 'A' || u > 'Z' || i < 0 ? -1 : 10 + i;
    }

    private static Level level(Object value) {
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("'level' must be a string such as \"INFO\"");
        }
        return Level.parse((String) value);
    }

    private static void fields(Object value, ReadEvent event) {
        if (value == null) {
            event.fieldKeys = new String[0];
            event.fieldValues = new Object[0];
            return;
        }
        Map<String, Object> fields = object(value, "fields");
        event.fieldKeys = new String[fields.size()];
        event.fieldValues = new Object[fields.size()];
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List) {
                throw new IllegalArgumentException("field '" + e.getKey() + "' must be a string, number, boolean or null");
            }
            event.fieldKeys[i] = e.getKey();
            event.fieldValues[i++] = v;
        }
    }

    private static ContextMap context(Object value) {
        if (value == null) {
            return ContextMap.EMPTY;
        }
        ContextMap context = ContextMap.EMPTY;
        for (Map.Entry<String, Object> e : object(value, "context").entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new IllegalArgumentException("context value '" + e.getKey() + "' must be a string");
            }
            context = context.with(e.getKey(), (String) e.getValue());
        }
        return context;
    }

    private RemoteThrowable throwable(Object value, String where) {
        Map<String, Object> json = object(value, where);
        checkKeys(json, EXCEPTION_KEYS, where + ".");
        if (++throwables > MAX_THROWABLES) {
            throw new IllegalArgumentException("more than " + MAX_THROWABLES + " exceptions in one event");
        }
        RemoteThrowable cause = json.containsKey("cause") ? throwable(json.get("cause"), where + ".cause") : null;
        RemoteThrowable t = new RemoteThrowable(requiredString(json, "class"), optionalString(json, "message", null),
                frames(json.get("stack")), cause);
        Object suppressed = json.get("suppressed");
        if (suppressed != null) {
            for (Object s : list(suppressed, where + ".suppressed")) {
                t.addSuppressed(throwable(s, where + ".suppressed"));
            }
        }
        return t;
    }

    private static StackTraceElement[] frames(Object value) {
        if (value == null) {
            return new StackTraceElement[0];
        }
        List<Object> stack = list(value, "stack");
        StackTraceElement[] frames = new StackTraceElement[stack.size()];
        for (int i = 0; i < frames.length; i++) {
            if (!(stack.get(i) instanceof String)) {
                throw new IllegalArgumentException("stack frames must be strings");
            }
            frames[i] = frame((String) stack.get(i));
        }
        return frames;
    }

    /**
     * Reads one frame as Spool writes it ({@code a.b.C.m(C.java:10)}, {@code (Native Method)},
     * {@code (Unknown Source)}); see {@link RemoteThrowable#frameOf}.
     */
    public static StackTraceElement frame(String text) {
        return RemoteThrowable.frameOf(text);
    }

    private Resource resource(Map<String, Object> json) {
        return resource(optionalString(json, "service", UNKNOWN), optionalString(json, "host", UNKNOWN),
                optionalLong(json, "pid", 0));
    }

    private Resource resource(String service, String host, long pid) {
        Resource last = lastResource;
        if (last.pid() == pid && last.service().equals(service) && last.host().equals(host)) {
            return last; // one sender sends one resource: share it instead of a copy per event
        }
        if (service.isBlank() || host.isBlank()) {
            throw new IllegalArgumentException("'service' and 'host' must not be blank");
        }
        lastResource = new Resource(service, host, pid);
        return lastResource;
    }

    private static void metric(Map<String, Object> json, ReadEvent event) {
        Object kind = json.get("kind");
        if (kind == null) {
            if (json.containsKey("metric")) {
                throw new IllegalArgumentException("'metric' needs \"kind\":\"metric\"");
            }
            if (json.containsKey("ledger")) {
                throw new IllegalArgumentException("'ledger' needs \"kind\":\"ledger\"");
            }
            return;
        }
        if ("ledger".equals(kind)) {
            event.kind = EventKind.LEDGER;
            event.ledger = ledger(object(json.get("ledger"), "ledger"));
            return;
        }
        if (!"metric".equals(kind) && !"log".equals(kind)) {
            throw new IllegalArgumentException("bad value " + kind
                    + " for 'kind': expected \"metric\", \"log\" or \"ledger\"");
        }
        if ("log".equals(kind)) {
            return;
        }
        Map<String, Object> metric = object(json.get("metric"), "metric");
        checkKeys(metric, Set.of("name", "value", "unit"), "metric.");
        event.kind = EventKind.METRIC;
        event.metricName = requiredString(metric, "name");
        event.metricUnit = optionalString(metric, "unit", "");
        event.metricValue = metricValue(metric.get("value"));
    }

    /**
     * A ledger's members (docs/audit.md), checked strictly: an auditor trusts these numbers, so a ledger
     * with a negative count, a malformed node or more than 16 drop reasons is refused whole. Also the check
     * of the OTLP receiver, which gathers a record's {@code spool.ledger.*} attributes into the same shape.
     *
     * @param json the members as this reader parses them: strings, {@link Long} counts, a Boolean
     *             {@code final}, {@code dropped} a map of reason to {@link Long}
     * @throws IllegalArgumentException naming the member at fault
     */
    public static Ledger ledger(Map<String, Object> json) {
        checkKeys(json, LEDGER_KEYS, "ledger.");
        String node = requiredString(json, "node");
        if (!isIdPart(node)) {
            throw new IllegalArgumentException("'ledger.node' must be 8 characters of an event id");
        }
        String lastCounter = optionalString(json, "last_counter", "");
        if (!lastCounter.isEmpty() && !isIdPart(lastCounter)) {
            throw new IllegalArgumentException("'ledger.last_counter' must be empty or 8 characters of an event id");
        }
        Map<String, Object> droppedJson = json.containsKey("dropped") ? object(json.get("dropped"), "ledger.dropped")
                : Map.of();
        if (droppedJson.size() > MAX_DROP_REASONS) {
            throw new IllegalArgumentException("'ledger.dropped' has more than " + MAX_DROP_REASONS + " reasons");
        }
        Map<String, Long> dropped = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : droppedJson.entrySet()) {
            dropped.put(boundedName(e.getKey(), "ledger.dropped key"), count(droppedJson, e.getKey(), "ledger.dropped."));
        }
        Object last = json.get("final");
        if (last != null && !(last instanceof Boolean)) {
            throw new IllegalArgumentException("'ledger.final' must be true or false");
        }
        return new Ledger(node, count(json, "start_us", "ledger."),
                boundedName(requiredString(json, "pipeline"), "ledger.pipeline"),
                boundedName(requiredString(json, "destination"), "ledger.destination"),
                count(json, "at_us", "ledger."), count(json, "sent", "ledger."), count(json, "failed", "ledger."),
                dropped, lastCounter, Boolean.TRUE.equals(last),
                json.containsKey("relay") ? relay(object(json.get("relay"), "ledger.relay")) : null);
    }

    /** A relay's counts (docs/audit.md), as strictly as a producer's. */
    private static Ledger.Relay relay(Map<String, Object> json) {
        checkKeys(json, RELAY_KEYS, "ledger.relay.");
        String upstream = optionalString(json, "upstream", "");
        if (!upstream.isEmpty() && !isIdPart(upstream)) {
            throw new IllegalArgumentException("'ledger.relay.upstream' must be empty or 8 characters of an event id");
        }
        String p = "ledger.relay.";
        return new Ledger.Relay(boundedName(requiredString(json, "role"), "ledger.relay.role"), upstream,
                count(json, "received", p), count(json, "written", p), count(json, "duplicates", p),
                count(json, "failed", p), count(json, "dead_lettered", p), count(json, "rejected", p));
    }

    private static boolean isIdPart(String text) {
        if (text.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U'))) {
                return false;
            }
        }
        return true;
    }

    private static String boundedName(String name, String key) {
        if (name.isEmpty() || name.length() > MAX_LEDGER_NAME) {
            throw new IllegalArgumentException("'" + key + "' must be 1 to " + MAX_LEDGER_NAME + " characters");
        }
        return name;
    }

    private static long count(Map<String, Object> json, String key, String prefix) {
        Object v = json.get(key);
        if (!(v instanceof Long) || (Long) v < 0) {
            throw new IllegalArgumentException(v == null ? "missing key '" + prefix + key + "'"
                    : "'" + prefix + key + "' must be an integer of 0 or more");
        }
        return (Long) v;
    }

    private static double metricValue(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if ("NaN".equals(value) || "Infinity".equals(value) || "-Infinity".equals(value)) {
            return Double.parseDouble((String) value);
        }
        throw new IllegalArgumentException("'metric.value' must be a number");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String key) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("'" + key + "' must be an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String key) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("'" + key + "' must be an array");
        }
        return (List<Object>) value;
    }

    private static void checkKeys(Map<String, Object> json, Set<String> known, String prefix) {
        for (String key : json.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + prefix + key + "'");
            }
        }
    }

    private static String requiredString(Map<String, Object> json, String key) {
        Object v = json.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(v == null ? "missing key '" + key + "'" : "'" + key + "' must be a string");
        }
        return (String) v;
    }

    private static String optionalString(Map<String, Object> json, String key, String defaultValue) {
        Object v = json.get(key);
        if (v == null) {
            return defaultValue;
        }
        return requiredString(json, key);
    }

    private static long optionalLong(Map<String, Object> json, String key, long defaultValue) {
        Object v = json.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException("'" + key + "' must be an integer");
        }
        return (Long) v;
    }
}
