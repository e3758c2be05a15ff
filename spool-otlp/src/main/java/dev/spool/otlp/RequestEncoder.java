package dev.spool.otlp;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.spi.RemoteThrowable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one OTLP {@code ExportLogsServiceRequest} from events, in protobuf or JSON: a resource per run of
 * events with the same {@link Resource} (service, host, pid and the destination's configured attributes),
 * in it a scope per run of events with the same logger, the events' log records in order.
 * The walk over an event (which attribute comes from what, docs/otlp.md) is here; the subclasses write
 * it in their encoding. Used on the writer thread only.
 */
abstract class RequestEncoder {

    private final Map<String, String> extraResource;
    private final char[] idText = new char[EventId.TEXT_LENGTH];
    private final CharBuffer uid = new CharBuffer(idText);
    private int events;
    private Resource resource;

    /** @param extraResource attributes added to every resource, after service, host and pid */
    RequestEncoder(Map<String, String> extraResource) {
        this.extraResource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraResource));
    }

    /** The HTTP content type of what {@link #finish} writes. */
    abstract String contentType();

    /** Appends one event's log record to the open request. */
    final void add(LogEvent event) {
        Resource r = event.resource();
        if (events == 0 || (r != resource && !r.equals(resource))) {
            if (events > 0) {
                closeScope();
                closeResource();
            }
            resource = r;
            openResource(r, extraResource);
            openScope(event.logger());
        } else if (!event.logger().equals(currentScope())) {
            closeScope();
            openScope(event.logger());
        }
        beginRecord(event.timestampMicros() * 1000L, OtlpMapping.severityNumber(event.level()),
                event.level().name(), event.message());
        attributes(event);
        trace(event.context());
        endRecord();
        events++;
    }

    /** Events in the open request. */
    final int events() {
        return events;
    }

    /** Bytes the open request holds so far (about the size {@link #finish} writes). */
    abstract int bytes();

    /** Replaces {@code out}'s content with the whole request and starts a new, empty one. */
    final void finish(ByteBuilder out) {
        out.clear();
        if (events > 0) {
            closeScope();
            closeResource();
        }
        writeRequest(out);
        events = 0;
        resource = null;
    }

    private void attributes(LogEvent e) {
        for (int i = 0; i < e.fieldCount(); i++) {
            typed(e.fieldKey(i), e.fieldValue(i));
        }
        ContextMap context = e.context();
        int contextKeys = 0;
        for (int i = 0; i < context.size(); i++) {
            if (!OtlpMapping.isTraceKey(context.key(i), context.value(i)) && !isField(e, context.key(i))) {
                stringAttribute(context.key(i), context.value(i));
                contextKeys++;
            }
        }
        if (contextKeys > 0) {
            contextKeys(e, contextKeys);
        }
        stringAttribute(OtlpMapping.THREAD_NAME, e.threadName());
        longAttribute(OtlpMapping.THREAD_ID, e.threadId());
        EventId.encode(e.idHigh(), e.idLow(), idText, 0);
        stringAttribute(OtlpMapping.RECORD_UID, uid);
        Throwable t = e.throwable();
        if (t != null) {
            stringAttribute(OtlpMapping.EXCEPTION_TYPE, RemoteThrowable.classNameOf(t));
            if (t.getMessage() != null) {
                stringAttribute(OtlpMapping.EXCEPTION_MESSAGE, t.getMessage());
            }
            stringAttribute(OtlpMapping.EXCEPTION_STACKTRACE, StackText.of(t));
        }
        if (e.kind() == EventKind.METRIC) {
            stringAttribute(OtlpMapping.METRIC_NAME, e.metricName());
            doubleAttribute(OtlpMapping.METRIC_VALUE, e.metricValue());
            stringAttribute(OtlpMapping.METRIC_UNIT, e.metricUnit() == null ? "" : e.metricUnit());
        } else if (e.kind() == EventKind.LEDGER) {
            ledger(e.ledger());
        }
    }

    /** A ledger's members as {@code spool.ledger.*} attributes (docs/otlp.md); rare, so it may allocate. */
    private void ledger(Ledger l) {
        stringAttribute(OtlpMapping.LEDGER + "node", l.node());
        longAttribute(OtlpMapping.LEDGER + "start_us", l.startMicros());
        stringAttribute(OtlpMapping.LEDGER + "pipeline", l.pipeline());
        stringAttribute(OtlpMapping.LEDGER + "destination", l.destination());
        longAttribute(OtlpMapping.LEDGER + "at_us", l.atMicros());
        longAttribute(OtlpMapping.LEDGER + "sent", l.sent());
        longAttribute(OtlpMapping.LEDGER + "failed", l.failed());
        stringAttribute(OtlpMapping.LEDGER + "last_counter", l.lastCounter());
        boolAttribute(OtlpMapping.LEDGER + "final", l.last());
        new java.util.TreeMap<>(l.dropped()).forEach((reason, n) -> longAttribute(OtlpMapping.LEDGER + "dropped." + reason, n));
    }

    /** The names of the context entries written as attributes, so a receiver can tell them from fields. */
    private void contextKeys(LogEvent e, int count) {
        ContextMap context = e.context();
        String[] keys = new String[count];
        int n = 0;
        for (int i = 0; i < context.size(); i++) {
            if (!OtlpMapping.isTraceKey(context.key(i), context.value(i)) && !isField(e, context.key(i))) {
                keys[n++] = context.key(i);
            }
        }
        stringArrayAttribute(OtlpMapping.CONTEXT_KEYS, keys);
    }

    /** A field and a context entry with the same key: the field is written (attribute keys are unique). */
    private static boolean isField(LogEvent e, String key) {
        for (int i = 0; i < e.fieldCount(); i++) {
            if (e.fieldKey(i).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private void typed(String key, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            longAttribute(key, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            doubleAttribute(key, ((Number) value).doubleValue());
        } else if (value instanceof Boolean) {
            boolAttribute(key, (Boolean) value);
        } else {
            stringAttribute(key, String.valueOf(value)); // String, or a Number without a fixed width (BigDecimal)
        }
    }

    private void trace(ContextMap context) {
        String traceId = context.get(OtlpMapping.TRACE_ID);
        String spanId = context.get(OtlpMapping.SPAN_ID);
        String flags = context.get(OtlpMapping.TRACE_FLAGS);
        if (flags != null && OtlpMapping.isHex(flags, 2)) {
            traceFlags(Integer.parseInt(flags, 16));
        }
        if (traceId != null && OtlpMapping.isHex(traceId, 32)) {
            traceIdHex(OtlpMapping.TRACE_ID, traceId);
        }
        if (spanId != null && OtlpMapping.isHex(spanId, 16)) {
            traceIdHex(OtlpMapping.SPAN_ID, spanId);
        }
    }

    /** Starts a ResourceLogs: service.name, host.name, process.pid, then {@code extra}. */
    abstract void openResource(Resource r, Map<String, String> extra);

    abstract void closeResource();

    abstract String currentScope();

    abstract void openScope(String loggerName);

    abstract void closeScope();

    abstract void beginRecord(long timeUnixNanos, int severityNumber, String severityText, CharSequence body);

    abstract void stringAttribute(String key, CharSequence value);

    abstract void longAttribute(String key, long value);

    abstract void doubleAttribute(String key, double value);

    abstract void boolAttribute(String key, boolean value);

    abstract void stringArrayAttribute(String key, String[] values);

    abstract void traceFlags(int flags);

    /** {@code which} is {@link OtlpMapping#TRACE_ID} or {@link OtlpMapping#SPAN_ID}; {@code hex} is valid. */
    abstract void traceIdHex(String which, String hex);

    abstract void endRecord();

    abstract void writeRequest(ByteBuilder out);

    /** A reusable CharSequence over a char array, for the event id's text without a String per event. */
    private static final class CharBuffer implements CharSequence {
        private final char[] chars;

        CharBuffer(char[] chars) {
            this.chars = chars;
        }

        @Override public int length() { return chars.length; }
        @Override public char charAt(int index) { return chars[index]; }
        @Override public CharSequence subSequence(int start, int end) { return new String(chars, start, end - start); }
        @Override public String toString() { return new String(chars); }
    }
}
