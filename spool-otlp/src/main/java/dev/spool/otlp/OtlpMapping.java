package dev.spool.otlp;

import dev.spool.Level;

/**
 * The names and numbers of the mapping from Spool's event to an OpenTelemetry log record (docs/otlp.md):
 * attribute keys, severity numbers, the context keys that carry a trace. The receiving side
 * (spool-collector's OTLP listener) reads the same names.
 */
final class OtlpMapping {

    static final String SERVICE_NAME = "service.name";
    static final String HOST_NAME = "host.name";
    static final String PROCESS_PID = "process.pid";
    static final String RECORD_UID = "log.record.uid";
    static final String THREAD_NAME = "thread.name";
    static final String THREAD_ID = "thread.id";
    static final String EXCEPTION_TYPE = "exception.type";
    static final String EXCEPTION_MESSAGE = "exception.message";
    static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
    /** The attribute listing which of the other attributes came from the thread context. */
    static final String CONTEXT_KEYS = "spool.context.keys";
    static final String METRIC_NAME = "spool.metric.name";
    static final String METRIC_VALUE = "spool.metric.value";
    static final String METRIC_UNIT = "spool.metric.unit";
    /**
     * A ledger's members (docs/audit.md) as attributes {@code spool.ledger.node}, {@code .start_us},
     * {@code .pipeline}, {@code .destination}, {@code .at_us}, {@code .sent}, {@code .failed},
     * {@code .last_counter}, {@code .final} and {@code spool.ledger.dropped.<reason>} per drop reason.
     */
    static final String LEDGER = "spool.ledger.";
    /** Context keys that become the record's trace fields instead of attributes. */
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";
    static final String TRACE_FLAGS = "trace_flags";

    private OtlpMapping() {
    }

    /** The first number of the level's OTel severity range: TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21. */
    static int severityNumber(Level level) {
        switch (level) {
            case TRACE: return 1;
            case DEBUG: return 5;
            case INFO: return 9;
            case WARN: return 13;
            case ERROR: return 17;
            default: return 21;
        }
    }

    /** Whether a context key is one of the trace keys and its value has the form the record field needs. */
    static boolean isTraceKey(String key, String value) {
        switch (key) {
            case TRACE_ID: return isHex(value, 32);
            case SPAN_ID: return isHex(value, 16);
            case TRACE_FLAGS: return isHex(value, 2);
            default: return false;
        }
    }

    static boolean isHex(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        boolean allZero = true;
        for (int i = 0; i < length; i++) {
            int d = Character.digit(value.charAt(i), 16);
            if (d < 0) {
                return false;
            }
            allZero &= d == 0;
        }
        return length == 2 || !allZero; // an all-zero trace or span id means "none" in OTLP
    }

    /** Bytes of {@code text} as {@link dev.spool.spi.ByteBuilder#appendUtf8} writes it (a lone surrogate as U+FFFD). */
    static int utf8Length(CharSequence text) {
        int n = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
