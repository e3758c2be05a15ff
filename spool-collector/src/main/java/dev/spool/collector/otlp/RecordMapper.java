package dev.spool.collector.otlp;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.EventKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the parts of one OTLP log record, as a decoder reads them, into an event (docs/otlp.md, "Spool's
 * receiver"): the resource's service, host and pid; the scope name as the logger; the attributes Spool's
 * own destination writes (thread, id, exception, context keys, metric) back into their places; every
 * other attribute a field. Not thread-safe: one per decoding.
 */
final class RecordMapper {

    static final String SERVICE_NAME = "service.name";
    static final String HOST_NAME = "host.name";
    static final String PROCESS_PID = "process.pid";
    private static final String UNKNOWN = "unknown";
    private static final Level[] LEVELS = Level.values();

    private Resource resource = new Resource(UNKNOWN, UNKNOWN, 0);
    private Map<String, String> resourceContext = Map.of();
    private String scope = "";
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    /** The attributes Spool's destination writes besides fields, kept out of the map as they arrive. */
    private Object uid;
    private Object threadName;
    private Object threadId;
    private Object exceptionType;
    private Object exceptionMessage;
    private Object exceptionStack;
    private Object metricName;
    private Object metricValue;
    private Object metricUnit;
    private List<String> contextKeys = List.of();
    private OtlpEvent event;
    private long observedNanos;
    private String severityText;
    private int severityNumber;
    private byte[] traceId;
    private byte[] spanId;
    private int flags;

    /** Sets the resource of the records that follow, from its attributes (other values than the three: context). */
    void resource(Map<String, Object> resourceAttributes) {
        String service = text(resourceAttributes.get(SERVICE_NAME), "unknown_service");
        String host = text(resourceAttributes.get(HOST_NAME), UNKNOWN);
        Object pid = resourceAttributes.get(PROCESS_PID);
        resource = new Resource(service.isBlank() ? "unknown_service" : service, host.isBlank() ? UNKNOWN : host,
                pid instanceof Long ? (Long) pid : 0);
        Map<String, String> rest = new LinkedHashMap<>();
        resourceAttributes.forEach((k, v) -> {
            if (!k.equals(SERVICE_NAME) && !k.equals(HOST_NAME) && !k.equals(PROCESS_PID)) {
                rest.put(k, String.valueOf(v));
            }
        });
        resourceContext = rest;
    }

    void scope(String name) {
        scope = name == null ? "" : name;
    }

    void begin() {
        event = new OtlpEvent();
        attributes.clear();
        uid = null;
        threadName = null;
        threadId = null;
        exceptionType = null;
        exceptionMessage = null;
        exceptionStack = null;
        metricName = null;
        metricValue = null;
        metricUnit = null;
        contextKeys = List.of();
        observedNanos = 0;
        severityText = null;
        severityNumber = 0;
        traceId = null;
        spanId = null;
        flags = 0;
        event.message = "";
    }

    void time(long unixNanos) {
        event.timestampMicros = unixNanos / 1000;
    }

    void observedTime(long unixNanos) {
        observedNanos = unixNanos;
    }

    void severityNumber(long number) {
        if (number < 0 || number > 24) {
            throw new IllegalArgumentException("bad severity_number " + number + ": expected 0 to 24");
        }
        severityNumber = (int) number;
    }

    void severityText(String text) {
        severityText = text;
    }

    /** The body: a string as it is; any other value as its text (JSON for arrays and maps). */
    void body(Object value) {
        event.message = value == null ? "" : String.valueOf(value);
    }

    /** An attribute: String, Long, Double, Boolean, or the JSON text of an array, map or bytes value. */
    void attribute(String key, Object value) {
        switch (key) {
            case OtlpMapping.RECORD_UID: uid = value; break;
            case OtlpMapping.THREAD_NAME: threadName = value; break;
            case OtlpMapping.THREAD_ID: threadId = value; break;
            case OtlpMapping.EXCEPTION_TYPE: exceptionType = value; break;
            case OtlpMapping.EXCEPTION_MESSAGE: exceptionMessage = value; break;
            case OtlpMapping.EXCEPTION_STACKTRACE: exceptionStack = value; break;
            case OtlpMapping.METRIC_NAME: metricName = value; break;
            case OtlpMapping.METRIC_VALUE: metricValue = value; break;
            case OtlpMapping.METRIC_UNIT: metricUnit = value; break;
            default: attributes.put(key, value);
        }
    }

    /** The {@code spool.context.keys} attribute's strings. */
    void contextKeys(List<String> keys) {
        contextKeys = keys;
    }

    void traceId(byte[] id) {
        if (id.length != 0 && id.length != 16) {
            throw new IllegalArgumentException("bad trace_id of " + id.length + " bytes: expected 16");
        }
        traceId = id.length == 0 || allZero(id) ? null : id;
    }

    void spanId(byte[] id) {
        if (id.length != 0 && id.length != 8) {
            throw new IllegalArgumentException("bad span_id of " + id.length + " bytes: expected 8");
        }
        spanId = id.length == 0 || allZero(id) ? null : id;
    }

    void flags(int value) {
        flags = value;
    }

    /** The record read since {@link #begin}, mapped. */
    OtlpEvent end() {
        OtlpEvent e = event;
        if (e.timestampMicros == 0) {
            e.timestampMicros = observedNanos != 0 ? observedNanos / 1000 : System.currentTimeMillis() * 1000L;
        }
        e.level = level();
        e.logger = scope;
        e.resource = resource;
        identity(e, uid);
        e.threadName = threadName == null ? "" : String.valueOf(threadName);
        if (threadId instanceof Long) {
            e.threadId = (Long) threadId;
        } else {
            putBack(OtlpMapping.THREAD_ID, threadId);
        }
        exception(e);
        metric(e);
        ledger(e);
        Map<String, String> context = null; // most records have none: no map for them
        if (!resourceContext.isEmpty() || !contextKeys.isEmpty() || traceId != null || spanId != null) {
            context = new LinkedHashMap<>(resourceContext);
            for (String key : contextKeys) {
                Object v = attributes.remove(key);
                if (v != null) {
                    context.put(key, String.valueOf(v));
                }
            }
            trace(context);
        }
        e.context = context == null || context.isEmpty() ? ContextMap.EMPTY : ContextMap.of(context);
        e.fieldKeys = attributes.keySet().toArray(new String[0]);
        e.fieldValues = attributes.values().toArray();
        event = null;
        return e;
    }

    private Level level() {
        if (severityNumber > 0) {
            return LEVELS[Math.min((severityNumber - 1) / 4, 5)];
        }
        if (severityText != null) {
            switch (severityText.trim().toUpperCase(Locale.ROOT)) {
                case "TRACE": return Level.TRACE;
                case "DEBUG": return Level.DEBUG;
                case "WARN": case "WARNING": return Level.WARN;
                case "ERROR": return Level.ERROR;
                case "FATAL": case "CRITICAL": return Level.FATAL;
                default: return Level.INFO;
            }
        }
        return Level.INFO;
    }

    /** Spool's ids come back as they were; another sender's uid stays an attribute and the event gets a new id. */
    private void identity(OtlpEvent e, Object uid) {
        if (uid instanceof String && ((String) uid).length() == EventId.TEXT_LENGTH) {
            try {
                long[] id = JsonEventReader.decodeId((String) uid);
                e.idHigh = id[0];
                e.idLow = id[1];
                e.idFromSender = true;
                return;
            } catch (IllegalArgumentException notSpoolsId) {
                // falls through
            }
        }
        putBack(OtlpMapping.RECORD_UID, uid);
        e.idHigh = EventId.high(e.timestampMicros / 1000);
        e.idLow = EventId.nextLow();
    }

    private void exception(OtlpEvent e) {
        if (exceptionType == null && exceptionMessage == null && exceptionStack == null) {
            return;
        }
        e.throwable = StackTextReader.read(exceptionType == null ? null : String.valueOf(exceptionType),
                exceptionMessage == null ? null : String.valueOf(exceptionMessage),
                exceptionStack == null ? null : String.valueOf(exceptionStack));
    }

    private void metric(OtlpEvent e) {
        if (metricName instanceof String && metricValue instanceof Number) {
            e.kind = EventKind.METRIC;
            e.metricName = (String) metricName;
            e.metricValue = ((Number) metricValue).doubleValue();
            e.metricUnit = metricUnit == null ? "" : String.valueOf(metricUnit);
        } else {
            putBack(OtlpMapping.METRIC_NAME, metricName);
            putBack(OtlpMapping.METRIC_VALUE, metricValue);
            putBack(OtlpMapping.METRIC_UNIT, metricUnit);
        }
    }

    /**
     * The {@code spool.ledger.*} attributes, when there are any, make the record a ledger, checked as
     * strictly as a JSON ledger line: a malformed one is refused, never stored as a log.
     */
    private void ledger(OtlpEvent e) {
        Map<String, Object> members = null;
        Map<String, Object> dropped = null; // made with members: most records are not ledgers
        for (java.util.Iterator<Map.Entry<String, Object>> it = attributes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> a = it.next();
            if (!a.getKey().startsWith(OtlpMapping.LEDGER)) {
                continue;
            }
            if (members == null) {
                members = new LinkedHashMap<>();
                dropped = new LinkedHashMap<>();
            }
            if (a.getKey().startsWith(OtlpMapping.LEDGER_DROPPED)) {
                dropped.put(a.getKey().substring(OtlpMapping.LEDGER_DROPPED.length()), a.getValue());
            } else {
                members.put(a.getKey().substring(OtlpMapping.LEDGER.length()), a.getValue());
            }
            it.remove();
        }
        if (members == null) {
            return;
        }
        members.put("dropped", dropped);
        try {
            e.ledger = JsonEventReader.ledger(members);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("bad ledger attributes: " + bad.getMessage().replace("'ledger.", "'"
                    + OtlpMapping.LEDGER), bad);
        }
        e.kind = EventKind.LEDGER;
    }

    private void putBack(String key, Object value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    private void trace(Map<String, String> context) {
        if (traceId != null) {
            context.put(OtlpMapping.TRACE_ID, hex(traceId));
        }
        if (spanId != null) {
            context.put(OtlpMapping.SPAN_ID, hex(spanId));
        }
        if ((traceId != null || spanId != null) && (flags & 0xff) != 0) {
            context.put(OtlpMapping.TRACE_FLAGS, String.format(Locale.ROOT, "%02x", flags & 0xff));
        }
    }

    private static boolean allZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.toString();
    }

    private static String text(Object value, String defaultValue) {
        return value == null ? defaultValue : String.valueOf(value);
    }
}
