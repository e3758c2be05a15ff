package dev.spool.collector.otlp;

import dev.spool.spi.support.JsonReader;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an {@code ExportLogsServiceRequest} in OTLP/JSON into events: protobuf's JSON mapping with
 * OTLP's rules (hex trace and span ids, integers as numbers or decimal strings, enums as numbers or
 * names), lowerCamelCase keys or the proto's own snake_case names, unknown keys ignored. The text is read
 * by Spool's strict JSON reader first (valid UTF-8, no duplicate keys, bounded nesting). Not thread-safe.
 */
final class JsonLogsReader {

    private final RecordMapper mapper = new RecordMapper();
    private final List<OtlpEvent> events = new ArrayList<>();

    List<OtlpEvent> read(byte[] bytes, int offset, int length) {
        Map<String, Object> request = object(JsonReader.parse(bytes, offset, length), "the request");
        for (Object resourceLogs : list(request, "resourceLogs", "resource_logs")) {
            Map<String, Object> rl = object(resourceLogs, "resourceLogs");
            Map<String, Object> resource = optionalObject(rl, "resource", "resource");
            mapper.resource(attributes(resource == null ? null : resource.get("attributes"), false));
            for (Object scopeLogs : list(rl, "scopeLogs", "scope_logs")) {
                Map<String, Object> sl = object(scopeLogs, "scopeLogs");
                Map<String, Object> scope = optionalObject(sl, "scope", "scope");
                mapper.scope(scope == null ? "" : string(scope.get("name"), "scope name"));
                for (Object record : list(sl, "logRecords", "log_records")) {
                    logRecord(object(record, "logRecord"));
                }
            }
        }
        return events;
    }

    private void logRecord(Map<String, Object> r) {
        mapper.begin();
        Object time = get(r, "timeUnixNano", "time_unix_nano");
        if (time != null) {
            mapper.time(unsigned64(time, "timeUnixNano"));
        }
        Object observed = get(r, "observedTimeUnixNano", "observed_time_unix_nano");
        if (observed != null) {
            mapper.observedTime(unsigned64(observed, "observedTimeUnixNano"));
        }
        Object severity = get(r, "severityNumber", "severity_number");
        if (severity != null) {
            mapper.severityNumber(severity(severity));
        }
        Object text = get(r, "severityText", "severity_text");
        if (text != null) {
            mapper.severityText(string(text, "severityText"));
        }
        Object body = r.get("body");
        if (body != null) {
            mapper.body(AnyValues.fieldValue(anyValue(body, 1)));
        }
        Map<String, Object> attributes = attributes(r.get("attributes"), true);
        attributes.forEach(mapper::attribute);
        Object flags = r.get("flags");
        if (flags != null) {
            mapper.flags((int) integer(flags, "flags"));
        }
        Object traceId = get(r, "traceId", "trace_id");
        if (traceId != null) {
            mapper.traceId(hex(traceId, "traceId"));
        }
        Object spanId = get(r, "spanId", "span_id");
        if (spanId != null) {
            mapper.spanId(hex(spanId, "spanId"));
        }
        events.add(mapper.end());
    }

    /** A list of KeyValue objects; in a record, {@code spool.context.keys} goes to the mapper as such. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> attributes(Object value, boolean record) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("attributes must be an array");
        }
        for (Object kv : (List<Object>) value) {
            Map<String, Object> pair = object(kv, "attribute");
            String key = string(pair.get("key"), "attribute key");
            Object v = pair.get("value") == null ? null : anyValue(pair.get("value"), 1);
            if (v == null) {
                continue;
            }
            if (record && OtlpMapping.CONTEXT_KEYS.equals(key) && v instanceof List) {
                List<String> keys = new ArrayList<>();
                ((List<Object>) v).forEach(k -> keys.add(String.valueOf(k)));
                mapper.contextKeys(keys);
            } else {
                out.put(key, AnyValues.fieldValue(v));
            }
        }
        return out;
    }

    /** String, Long, Double, Boolean, byte[], List or Map; null for an empty AnyValue. */
    private Object anyValue(Object value, int depth) {
        AnyValues.checkDepth(depth);
        Map<String, Object> any = object(value, "AnyValue");
        if (any.containsKey("stringValue") || any.containsKey("string_value")) {
            return string(get(any, "stringValue", "string_value"), "stringValue");
        }
        if (any.containsKey("boolValue") || any.containsKey("bool_value")) {
            Object b = get(any, "boolValue", "bool_value");
            if (!(b instanceof Boolean)) {
                throw new IllegalArgumentException("boolValue must be true or false");
            }
            return b;
        }
        if (any.containsKey("intValue") || any.containsKey("int_value")) {
            return integer(get(any, "intValue", "int_value"), "intValue");
        }
        if (any.containsKey("doubleValue") || any.containsKey("double_value")) {
            return doubleValue(get(any, "doubleValue", "double_value"));
        }
        if (any.containsKey("bytesValue") || any.containsKey("bytes_value")) {
            try {
                return Base64.getDecoder().decode(string(get(any, "bytesValue", "bytes_value"), "bytesValue"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bytesValue is not base64");
            }
        }
        if (any.containsKey("arrayValue") || any.containsKey("array_value")) {
            List<Object> out = new ArrayList<>();
            for (Object v : list(object(get(any, "arrayValue", "array_value"), "arrayValue"), "values", "values")) {
                out.add(anyValue(v, depth + 1));
            }
            return out;
        }
        if (any.containsKey("kvlistValue") || any.containsKey("kvlist_value")) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object kv : list(object(get(any, "kvlistValue", "kvlist_value"), "kvlistValue"), "values", "values")) {
                Map<String, Object> pair = object(kv, "kvlist entry");
                out.put(string(pair.get("key"), "kvlist key"),
                        pair.get("value") == null ? null : anyValue(pair.get("value"), depth + 1));
            }
            return out;
        }
        return null;
    }

    private static final String[] SEVERITY_NAMES = {"UNSPECIFIED", "TRACE", "TRACE2", "TRACE3", "TRACE4", "DEBUG",
        "DEBUG2", "DEBUG3", "DEBUG4", "INFO", "INFO2", "INFO3", "INFO4", "WARN", "WARN2", "WARN3", "WARN4", "ERROR",
        "ERROR2", "ERROR3", "ERROR4", "FATAL", "FATAL2", "FATAL3", "FATAL4"};

    private static long severity(Object value) {
        if (value instanceof String && ((String) value).startsWith("SEVERITY_NUMBER_")) {
            String name = ((String) value).substring("SEVERITY_NUMBER_".length());
            for (int i = 0; i < SEVERITY_NAMES.length; i++) {
                if (SEVERITY_NAMES[i].equals(name)) {
                    return i;
                }
            }
        }
        return integer(value, "severityNumber");
    }

    private static long integer(Object value, String what) {
        if (value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof String) {
            try {
                return Long.parseLong((String) value);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("bad " + what + " " + value + ": expected a 64-bit integer");
    }

    private static long unsigned64(Object value, String what) {
        if (value instanceof String) {
            try {
                String text = (String) value;
                return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad " + what + " " + value + ": expected nanoseconds");
            }
        }
        return integer(value, what);
    }

    private static double doubleValue(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if ("NaN".equals(value)) {
            return Double.NaN;
        }
        if ("Infinity".equals(value)) {
            return Double.POSITIVE_INFINITY;
        }
        if ("-Infinity".equals(value)) {
            return Double.NEGATIVE_INFINITY;
        }
        throw new IllegalArgumentException("bad doubleValue " + value + ": expected a number");
    }

    private static byte[] hex(Object value, String what) {
        String s = string(value, what);
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("bad " + what + " '" + s + "': expected hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("bad " + what + " '" + s + "': expected hex digits");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static Object get(Map<String, Object> map, String camel, String snake) {
        Object v = map.get(camel);
        return v != null ? v : map.get(snake);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> map, String camel, String snake) {
        Object v = get(map, camel, snake);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("'" + camel + "' must be an array");
        }
        return (List<Object>) v;
    }

    private static Map<String, Object> optionalObject(Map<String, Object> map, String camel, String snake) {
        Object v = get(map, camel, snake);
        return v == null ? null : object(v, camel);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String)) {
            throw new IllegalArgumentException(what + " must be a string");
        }
        return (String) value;
    }
}
