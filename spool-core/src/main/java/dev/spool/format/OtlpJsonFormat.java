package dev.spool.format;

import dev.spool.ContextMap;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.util.Map;

/**
 * {@code format = otlp-json}: each line one OTLP {@code ExportLogsServiceRequest} in the protocol's JSON
 * encoding (the shape an OpenTelemetry Collector's {@code otlpjsonfile} receiver reads), holding one
 * resource, one scope (the logger name) and one {@code LogRecord}. 64-bit integers are strings, as the
 * protobuf JSON mapping requires. The context entries {@code trace_id} and {@code span_id}, when they are
 * lower-case hex of the right length, become the record's {@code traceId} and {@code spanId}.
 * {@code json.static.*} members become resource attributes; {@code json.rename.*} is refused. Allocates
 * nothing per event once warm, with the same exceptions as {@link JsonFormat}.
 */
final class OtlpJsonFormat implements Format {

    /** OTel severity numbers by level ordinal: TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21. */
    private static final int[] SEVERITY = {1, 5, 9, 13, 17, 21};
    private static final String TRACE_ID = "trace_id";
    private static final String SPAN_ID = "span_id";

    private final byte[] extraResource;

    OtlpJsonFormat(JsonKeys rules) {
        ByteBuilder b = new ByteBuilder(64);
        for (Map.Entry<String, String> e : rules.staticValues().entrySet()) {
            attributeKey(e.getKey(), b);
            b.appendAscii("{\"stringValue\":");
            JsonEscaper.appendString(e.getValue(), b);
            b.appendAscii("}}");
        }
        this.extraResource = java.util.Arrays.copyOf(b.array(), b.length());
    }

    @Override
    public void format(LogEvent event, ByteBuilder out) {
        Resource resource = event.resource();
        out.appendAscii("{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":");
        stringValue(resource.service(), out);
        out.appendAscii("},{\"key\":\"host.name\",\"value\":");
        stringValue(resource.host(), out);
        out.appendAscii("},{\"key\":\"process.pid\",\"value\":{\"intValue\":\"").appendDecimal(resource.pid());
        out.appendAscii("\"}}").append(extraResource);
        out.appendAscii("]},\"scopeLogs\":[{\"scope\":{\"name\":");
        JsonEscaper.appendString(event.logger() == null ? "" : event.logger(), out);
        out.appendAscii("},\"logRecords\":[{\"timeUnixNano\":\"");
        appendNanos(event.timestampMicros(), out);
        out.appendAscii("\",\"observedTimeUnixNano\":\"");
        appendNanos(event.timestampMicros(), out);
        int level = event.level().ordinal();
        out.appendAscii("\",\"severityNumber\":").appendDecimal(SEVERITY[level]);
        out.appendAscii(",\"severityText\":").append(JsonLevels.NAMES[level]);
        out.appendAscii(",\"body\":");
        stringValue(event.message(), out);
        attributes(event, out);
        traceContext(event.context(), out);
        out.appendAscii("}]}]}]}\n");
    }

    private static void attributes(LogEvent event, ByteBuilder out) {
        out.appendAscii(",\"attributes\":[{\"key\":\"log.record.uid\",\"value\":{\"stringValue\":\"");
        EventToken.appendId(event, out);
        out.appendAscii("\"}},{\"key\":\"thread.name\",\"value\":");
        stringValue(event.threadName(), out);
        out.appendAscii("},{\"key\":\"thread.id\",\"value\":{\"intValue\":\"").appendDecimal(event.threadId());
        out.appendAscii("\"}}");
        for (int i = 0; i < event.fieldCount(); i++) {
            attributeKey(event.fieldKey(i), out);
            anyValue(event.fieldValue(i), out);
            out.append((byte) '}');
        }
        ContextMap context = event.context();
        for (int i = 0; i < context.size(); i++) {
            if (!isTraceContext(context.key(i), context.value(i))) {
                attributeKey(context.key(i), out);
                stringValue(context.value(i), out);
                out.append((byte) '}');
            }
        }
        Throwable throwable = event.throwable();
        if (throwable != null) {
            attributeKey("exception.type", out);
            stringValue(dev.spool.spi.RemoteThrowable.classNameOf(throwable), out);
            String message = UserCode.messageOf(throwable);
            if (message != null) {
                out.append((byte) '}');
                attributeKey("exception.message", out);
                stringValue(message, out);
            }
            out.append((byte) '}');
            attributeKey("exception.stacktrace", out);
            out.appendAscii("{\"stringValue\":\"");
            StackTraceWriter.json(throwable, out);
            out.appendAscii("\"}}");
        }
        out.append((byte) ']');
    }

    private static void traceContext(ContextMap context, ByteBuilder out) {
        String traceId = context.get(TRACE_ID);
        String spanId = context.get(SPAN_ID);
        if (isTraceContext(TRACE_ID, traceId)) {
            out.appendAscii(",\"traceId\":\"").appendAscii(traceId).append((byte) '"');
        }
        if (isTraceContext(SPAN_ID, spanId)) {
            out.appendAscii(",\"spanId\":\"").appendAscii(spanId).append((byte) '"');
        }
    }

    /** Whether a context entry is a trace or span id written as the record's own field. */
    private static boolean isTraceContext(String key, String value) {
        if (value == null) {
            return false;
        }
        if (TRACE_ID.equals(key)) {
            return isLowerHex(value, 32);
        }
        return SPAN_ID.equals(key) && isLowerHex(value, 16);
    }

    private static boolean isLowerHex(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ,{"key":"name","value":} (the caller writes the value and closes the brace). */
    private static void attributeKey(String key, ByteBuilder out) {
        out.appendAscii(",{\"key\":");
        JsonEscaper.appendString(key == null ? "" : key, out);
        out.appendAscii(",\"value\":");
    }

    private static void stringValue(CharSequence text, ByteBuilder out) {
        if (text == null) {
            out.appendAscii("{}");
            return;
        }
        out.appendAscii("{\"stringValue\":");
        JsonEscaper.appendString(text, out);
        out.append((byte) '}');
    }

    /** A field value as an OTLP AnyValue: string, int (as a string), double, bool, or empty for null. */
    private static void anyValue(Object value, ByteBuilder out) {
        if (value == null) {
            out.appendAscii("{}");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.appendAscii("{\"intValue\":\"").appendDecimal(((Number) value).longValue()).appendAscii("\"}");
        } else if (value instanceof Boolean) {
            out.appendAscii((Boolean) value ? "{\"boolValue\":true}" : "{\"boolValue\":false}");
        } else if (value instanceof Double || value instanceof Float) {
            out.appendAscii("{\"doubleValue\":");
            JsonFormat.appendValue(value, out); // non-finite values as "NaN" / "Infinity", as protobuf JSON does
            out.append((byte) '}');
        } else {
            out.appendAscii("{\"stringValue\":");
            JsonFormat.appendValue(value instanceof CharSequence ? value : UserCode.toString(value), out);
            out.append((byte) '}');
        }
    }

    /** Microseconds as nanoseconds, without overflow for any representable time after 1970. */
    private static void appendNanos(long micros, ByteBuilder out) {
        if (micros <= 0) {
            out.append((byte) '0');  // OTLP's field is unsigned: 0 means unknown
            return;
        }
        out.appendDecimal(micros).appendAscii("000");
    }
}
