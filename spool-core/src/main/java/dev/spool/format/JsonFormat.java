package dev.spool.format;

import dev.spool.ContextMap;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.EventKind;
import dev.spool.spi.Format;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.time.ZoneOffset;
import java.util.List;

/**
 * JSON Lines: one JSON object per event on one line, always valid UTF-8, the schema (version
 * {@code "v":1}) that forwarders, queues and stores read; docs/formats.md lists every field:
 *
 * <pre>{@code
 * {"v":1,"id":"...","ts":"2025-11-21T23:55:01.123456Z","level":"INFO","logger":"app.db","thread":"main",
 *  "thread_id":1,"message":"hello","fields":{...},"context":{...},"exception":{...},
 *  "service":"x","host":"h","pid":123}
 * }</pre>
 *
 * <p>{@code fields}, {@code context} and {@code exception} are left out when empty. Timestamps are UTC
 * with six fraction digits. Non-finite doubles are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, since JSON has no such numbers.
 *
 * <p>Allocates nothing per event once warm, except for exceptions and for field values that are neither
 * strings, integers nor booleans. The logger's name, the thread's members and the resource's members are
 * encoded once and copied for later events; a new logger, thread or resource costs one small allocation. Safe to share between threads, but each writer should have its own
 * instance (from {@link #of()}) so the per-second timestamp cache stays hot. {@code json.rename.*} and
 * {@code json.static.*} (through {@link Formats}) change key names and add constant members.
 */
public final class JsonFormat implements Format {

    /** The top-level keys, in the order written; each can be renamed with {@code json.rename.KEY}. */
    static final List<String> KEYS = List.of("v", "id", "ts", "level", "logger", "thread", "thread_id", "message",
            "kind", "metric", "fields", "context", "exception", "service", "host", "pid");
    private static final int V = 0;
    private static final int ID = 1;
    private static final int TS = 2;
    private static final int LEVEL = 3;
    private static final int LOGGER = 4;
    private static final int THREAD = 5;
    private static final int THREAD_ID = 6;
    private static final int MESSAGE = 7;
    private static final int KIND = 8;
    private static final int METRIC = 9;
    private static final int FIELDS = 10;
    private static final int CONTEXT = 11;
    private static final int EXCEPTION = 12;
    private static final int SERVICE = 13;
    private static final int HOST = 14;
    private static final int PID = 15;

    private final DateToken timestamp = DateToken.of("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", ZoneOffset.UTC);
    private final byte[][] keys;
    private final byte[] statics;
    private final boolean ownShape;
    /** {@code {"v":1,"id":"}, up to the id. */
    private final byte[] head;
    /** {@code ","ts":"}, from the id to the time. */
    private final byte[] idToTime;
    /** Per level: {@code ","level":"INFO","logger":}, from the time to the logger's name. */
    private final byte[][] timeToLogger;
    // What repeats per event is copied, not escaped again: the logger's name, the thread's two members, and
    // the resource's three members with the static ones and the line end (docs/decisions/json-2m.md).
    private final MemberCache loggers = new MemberCache(64);
    private final MemberCache threads = new MemberCache(64);
    private final MemberCache tails = new MemberCache(4);

    JsonFormat(JsonKeys rules) {
        this.keys = rules.members(KEYS);
        this.statics = rules.statics();
        this.ownShape = rules.unchanged();
        this.head = concat(keys[V], new byte[] {'1'}, keys[ID], new byte[] {'"'});
        this.idToTime = concat(new byte[] {'"'}, keys[TS], new byte[] {'"'});
        this.timeToLogger = new byte[JsonLevels.NAMES.length][];
        for (int level = 0; level < timeToLogger.length; level++) {
            timeToLogger[level] = concat(new byte[] {'"'}, keys[LEVEL], JsonLevels.NAMES[level], keys[LOGGER]);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuilder out = new ByteBuilder(64);
        for (byte[] part : parts) {
            out.append(part);
        }
        return java.util.Arrays.copyOf(out.array(), out.length());
    }

    /** A new JSON Lines format. */
    public static JsonFormat of() {
        return new JsonFormat(JsonKeys.none());
    }

    /**
     * True unless {@code json.rename.*} or {@code json.static.*} changed the schema: a reader of Spool's
     * schema refuses renamed and unknown keys, so such a file could not be audited.
     */
    @Override
    public boolean writesLedgers() {
        return ownShape;
    }

    @Override
    public void format(LogEvent event, ByteBuilder out) {
        out.append(head);
        EventToken.appendId(event, out);
        out.append(idToTime);
        timestamp.render(event, out);
        out.append(timeToLogger[event.level().ordinal()]);
        logger(event.logger(), out);
        thread(event.threadName(), event.threadId(), out);
        out.append(keys[MESSAGE]);
        JsonEscaper.appendString(event.message(), out);
        if (event.kind() == EventKind.METRIC) {
            metric(event, out);
        } else if (event.kind() == EventKind.LEDGER) {
            ledger(event.ledger(), out);
        }
        fields(event, out);
        context(event.context(), out);
        if (event.throwable() != null) {
            out.append(keys[EXCEPTION]);
            JsonThrowable.append(event.throwable(), out);
        }
        tail(event.resource(), out);
    }

    /** The logger's name as a JSON string. */
    private void logger(String name, ByteBuilder out) {
        if (!loggers.append(name, 0, out)) {
            int from = out.length();
            JsonEscaper.appendString(name, out);
            loggers.remember(name, 0, out, from);
        }
    }

    /** {@code ,"thread":"main","thread_id":1}. */
    private void thread(String name, long id, ByteBuilder out) {
        if (!threads.append(name, id, out)) {
            int from = out.length();
            out.append(keys[THREAD]);
            JsonEscaper.appendString(name, out);
            out.append(keys[THREAD_ID]).appendDecimal(id);
            threads.remember(name, id, out, from);
        }
    }

    /** {@code ,"service":"x","host":"h","pid":123}, the static members and the end of the line. */
    private void tail(Resource resource, ByteBuilder out) {
        if (!tails.append(resource, 0, out)) {
            int from = out.length();
            out.append(keys[SERVICE]);
            JsonEscaper.appendString(resource.service(), out);
            out.append(keys[HOST]);
            JsonEscaper.appendString(resource.host(), out);
            out.append(keys[PID]).appendDecimal(resource.pid());
            out.append(statics).append((byte) '}').append((byte) '\n');
            tails.remember(resource, 0, out, from);
        }
    }

    /**
     * Appends {@code throwable} as the object an event's {@code exception} member holds (docs/formats.md),
     * for writers that keep an exception apart from its event, such as the stores. Allocates.
     */
    public static void appendException(Throwable throwable, ByteBuilder out) {
        JsonThrowable.append(throwable, out);
    }

    private void metric(LogEvent event, ByteBuilder out) {
        out.append(keys[KIND]).appendAscii("\"metric\"").append(keys[METRIC]).appendAscii("{\"name\":");
        JsonEscaper.appendString(event.metricName(), out);
        out.appendAscii(",\"value\":");
        appendValue(event.metricValue(), out);
        out.appendAscii(",\"unit\":");
        JsonEscaper.appendString(event.metricUnit() == null ? "" : event.metricUnit(), out);
        out.append((byte) '}');
    }

    /** A ledger's own members (docs/audit.md); a ledger is rare, so this may allocate. */
    private static void ledger(Ledger ledger, ByteBuilder out) {
        out.appendAscii(",\"kind\":\"ledger\",\"ledger\":{\"node\":");
        JsonEscaper.appendString(ledger.node(), out);
        out.appendAscii(",\"start_us\":").appendDecimal(ledger.startMicros());
        out.appendAscii(",\"pipeline\":");
        JsonEscaper.appendString(ledger.pipeline(), out);
        out.appendAscii(",\"destination\":");
        JsonEscaper.appendString(ledger.destination(), out);
        out.appendAscii(",\"at_us\":").appendDecimal(ledger.atMicros());
        out.appendAscii(",\"sent\":").appendDecimal(ledger.sent());
        out.appendAscii(",\"failed\":").appendDecimal(ledger.failed());
        out.appendAscii(",\"dropped\":{");
        boolean first = true;
        for (java.util.Map.Entry<String, Long> e : new java.util.TreeMap<>(ledger.dropped()).entrySet()) {
            if (!first) {
                out.append((byte) ',');
            }
            first = false;
            JsonEscaper.appendString(e.getKey(), out);
            out.append((byte) ':').appendDecimal(e.getValue());
        }
        out.appendAscii("},\"last_counter\":");
        JsonEscaper.appendString(ledger.lastCounter(), out);
        out.appendAscii(",\"final\":").appendAscii(ledger.last() ? "true" : "false");
        if (ledger.relay() != null) {
            relay(ledger.relay(), out);
        }
        out.append((byte) '}');
    }

    private static void relay(Ledger.Relay relay, ByteBuilder out) {
        out.appendAscii(",\"relay\":{\"role\":");
        JsonEscaper.appendString(relay.role(), out);
        out.appendAscii(",\"upstream\":");
        JsonEscaper.appendString(relay.upstream(), out);
        out.appendAscii(",\"received\":").appendDecimal(relay.received());
        out.appendAscii(",\"written\":").appendDecimal(relay.written());
        out.appendAscii(",\"duplicates\":").appendDecimal(relay.duplicates());
        out.appendAscii(",\"failed\":").appendDecimal(relay.failed());
        out.appendAscii(",\"dead_lettered\":").appendDecimal(relay.deadLettered());
        out.appendAscii(",\"rejected\":").appendDecimal(relay.rejected());
        out.append((byte) '}');
    }

    private void fields(LogEvent event, ByteBuilder out) {
        int count = event.fieldCount();
        if (count == 0) {
            return;
        }
        out.append(keys[FIELDS]).append((byte) '{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append((byte) ',');
            }
            JsonEscaper.appendString(event.fieldKey(i), out);
            out.append((byte) ':');
            appendValue(event.fieldValue(i), out);
        }
        out.append((byte) '}');
    }

    private void context(ContextMap context, ByteBuilder out) {
        if (context.isEmpty()) {
            return;
        }
        out.append(keys[CONTEXT]).append((byte) '{');
        for (int i = 0; i < context.size(); i++) {
            if (i > 0) {
                out.append((byte) ',');
            }
            JsonEscaper.appendString(context.key(i), out);
            out.append((byte) ':');
            JsonEscaper.appendString(context.value(i), out);
        }
        out.append((byte) '}');
    }

    /**
     * Integers and finite floating point as numbers, booleans, null, and anything else as a string. The final
     * classes come before the interface {@code CharSequence}, as in {@code FieldsToken.appendValue}: a number
     * tested against it first costs a scan of its class's interfaces.
     */
    static void appendValue(Object value, ByteBuilder out) {
        if (value == null) {
            out.appendAscii("null");
        } else if (value instanceof String) {
            JsonEscaper.appendString((String) value, out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.appendDecimal(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            out.appendAscii((Boolean) value ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            appendFloating((Number) value, out);
        } else if (value instanceof CharSequence) {
            JsonEscaper.appendString((CharSequence) value, out);
        } else {
            JsonEscaper.appendString(UserCode.toString(value), out);
        }
    }

    private static void appendFloating(Number value, ByteBuilder out) {
        double d = value.doubleValue();
        // Float.toString keeps a float's short form (0.1, not 0.10000000149011612); both allocate.
        String text = value instanceof Float ? Float.toString(value.floatValue()) : Double.toString(d);
        if (Double.isFinite(d)) {
            out.appendAscii(text);
        } else {
            out.append((byte) '"').appendAscii(text).append((byte) '"');
        }
    }
}
