package dev.spool.collector.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.spool.collector.otlp.ProtoReader.FIXED32;
import static dev.spool.collector.otlp.ProtoReader.FIXED64;
import static dev.spool.collector.otlp.ProtoReader.LENGTH_DELIMITED;
import static dev.spool.collector.otlp.ProtoReader.VARINT;

/**
 * Decodes an {@code ExportLogsServiceRequest} in protobuf (opentelemetry-proto's {@code logs/v1}) into
 * events. Fields may come in any order (a resource after its scopes), unknown fields are skipped, every
 * length is checked against its enclosing message before use. Not thread-safe: one per request.
 */
final class ProtobufLogsReader {

    private final ProtoReader in;
    private final int end;
    private final RecordMapper mapper = new RecordMapper();
    private final List<OtlpEvent> events = new ArrayList<>();
    /** {@link #attribute} as a {@link Pair}, made once rather than for every attribute of every record. */
    private final Pair toAttribute = this::attribute;

    ProtobufLogsReader(byte[] bytes, int offset, int length) {
        this.in = new ProtoReader(bytes, offset);
        this.end = offset + length;
    }

    List<OtlpEvent> read() {
        while (in.position() < end) {
            long tag = in.tag(end, "ExportLogsServiceRequest");
            if (tag >>> 3 == 1) {
                in.expect(tag, LENGTH_DELIMITED, "resource_logs");
                int stop = in.lengthEnd(end, "resource_logs");
                resourceLogs(stop);
                in.position(stop);
            } else {
                in.skip(tag, end, "ExportLogsServiceRequest");
            }
        }
        return events;
    }

    private void resourceLogs(int stop) {
        Map<String, Object> resource = Map.of();
        List<int[]> scopes = new ArrayList<>();
        while (in.position() < stop) {
            long tag = in.tag(stop, "ResourceLogs");
            int field = (int) (tag >>> 3);
            if (field == 1) {
                in.expect(tag, LENGTH_DELIMITED, "resource");
                int resourceEnd = in.lengthEnd(stop, "resource");
                resource = resource(resourceEnd);
                in.position(resourceEnd);
            } else if (field == 2) {
                in.expect(tag, LENGTH_DELIMITED, "scope_logs");
                int scopeEnd = in.lengthEnd(stop, "scope_logs");
                scopes.add(new int[] {in.position(), scopeEnd});
                in.position(scopeEnd);
            } else {
                in.skip(tag, stop, "ResourceLogs");
            }
        }
        mapper.resource(resource);
        for (int[] range : scopes) {
            in.position(range[0]);
            scopeLogs(range[1]);
        }
    }

    private Map<String, Object> resource(int stop) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (in.position() < stop) {
            long tag = in.tag(stop, "Resource");
            if (tag >>> 3 == 1) {
                in.expect(tag, LENGTH_DELIMITED, "resource attribute");
                int kvEnd = in.lengthEnd(stop, "resource attribute");
                keyValue(kvEnd, attributes::put);
                in.position(kvEnd);
            } else {
                in.skip(tag, stop, "Resource");
            }
        }
        return attributes;
    }

    private void scopeLogs(int stop) {
        String scope = "";
        List<int[]> records = new ArrayList<>();
        while (in.position() < stop) {
            long tag = in.tag(stop, "ScopeLogs");
            int field = (int) (tag >>> 3);
            if (field == 1) {
                in.expect(tag, LENGTH_DELIMITED, "scope");
                int scopeEnd = in.lengthEnd(stop, "scope");
                scope = scopeName(scopeEnd);
                in.position(scopeEnd);
            } else if (field == 2) {
                in.expect(tag, LENGTH_DELIMITED, "log_records");
                int recordEnd = in.lengthEnd(stop, "log_records");
                records.add(new int[] {in.position(), recordEnd});
                in.position(recordEnd);
            } else {
                in.skip(tag, stop, "ScopeLogs");
            }
        }
        mapper.scope(scope);
        for (int[] range : records) {
            in.position(range[0]);
            logRecord(range[1]);
        }
    }

    private String scopeName(int stop) {
        String name = "";
        while (in.position() < stop) {
            long tag = in.tag(stop, "InstrumentationScope");
            if (tag >>> 3 == 1) {
                in.expect(tag, LENGTH_DELIMITED, "scope name");
                name = in.string(stop, "scope name");
            } else {
                in.skip(tag, stop, "InstrumentationScope");
            }
        }
        return name;
    }

    private void logRecord(int stop) {
        mapper.begin();
        while (in.position() < stop) {
            long tag = in.tag(stop, "LogRecord");
            switch ((int) (tag >>> 3)) {
                case 1:
                    in.expect(tag, FIXED64, "time_unix_nano");
                    mapper.time(in.fixed64(stop, "time_unix_nano"));
                    break;
                case 11: in.expect(tag, FIXED64, "observed_time_unix_nano");
                    mapper.observedTime(in.fixed64(stop, "observed_time_unix_nano")); break;
                case 2:
                    in.expect(tag, VARINT, "severity_number");
                    mapper.severityNumber(in.varint(stop, "severity_number"));
                    break;
                case 3:
                    in.expect(tag, LENGTH_DELIMITED, "severity_text");
                    mapper.severityText(in.string(stop, "severity_text"));
                    break;
                case 5: in.expect(tag, LENGTH_DELIMITED, "body");
                    int bodyEnd = in.lengthEnd(stop, "body");
                    mapper.body(AnyValues.fieldValue(anyValue(bodyEnd, 1)));
                    in.position(bodyEnd);
                    break;
                case 6: in.expect(tag, LENGTH_DELIMITED, "attribute");
                    int kvEnd = in.lengthEnd(stop, "attribute");
                    keyValue(kvEnd, toAttribute);
                    in.position(kvEnd);
                    break;
                case 8: in.expect(tag, FIXED32, "flags"); mapper.flags(in.fixed32(stop, "flags")); break;
                case 9: in.expect(tag, LENGTH_DELIMITED, "trace_id"); mapper.traceId(in.bytes(stop, "trace_id")); break;
                case 10: in.expect(tag, LENGTH_DELIMITED, "span_id"); mapper.spanId(in.bytes(stop, "span_id")); break;
                default: in.skip(tag, stop, "LogRecord");
            }
        }
        events.add(mapper.end());
    }

    @SuppressWarnings("unchecked")
    private void attribute(String key, Object value) {
        if (OtlpMapping.CONTEXT_KEYS.equals(key) && value instanceof List) {
            List<String> keys = new ArrayList<>();
            for (Object k : (List<Object>) value) {
                keys.add(String.valueOf(k));
            }
            mapper.contextKeys(keys);
        } else {
            mapper.attribute(key, AnyValues.fieldValue(value));
        }
    }

    private interface Pair {
        void put(String key, Object value);
    }

    /** A KeyValue; a key without a value (an empty AnyValue) is left out. */
    private void keyValue(int stop, Pair into) {
        String key = null;
        Object value = null;
        while (in.position() < stop) {
            long tag = in.tag(stop, "KeyValue");
            int field = (int) (tag >>> 3);
            if (field == 1) {
                in.expect(tag, LENGTH_DELIMITED, "key");
                key = in.string(stop, "attribute key");
            } else if (field == 2) {
                in.expect(tag, LENGTH_DELIMITED, "value");
                int valueEnd = in.lengthEnd(stop, "attribute value");
                value = anyValue(valueEnd, 1);
                in.position(valueEnd);
            } else {
                in.skip(tag, stop, "KeyValue");
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("attribute without a key");
        }
        if (value != null) {
            into.put(key, value);
        }
    }

    /** An AnyValue: String, Long, Double, Boolean, byte[], List or Map; null when none of its fields is set. */
    private Object anyValue(int stop, int depth) {
        AnyValues.checkDepth(depth);
        Object value = null;
        while (in.position() < stop) {
            long tag = in.tag(stop, "AnyValue");
            switch ((int) (tag >>> 3)) {
                case 1:
                    in.expect(tag, LENGTH_DELIMITED, "string_value");
                    value = in.string(stop, "string_value");
                    break;
                case 2: in.expect(tag, VARINT, "bool_value"); value = in.varint(stop, "bool_value") != 0; break;
                case 3: in.expect(tag, VARINT, "int_value"); value = in.varint(stop, "int_value"); break;
                case 4: in.expect(tag, FIXED64, "double_value");
                    value = Double.longBitsToDouble(in.fixed64(stop, "double_value")); break;
                case 5: in.expect(tag, LENGTH_DELIMITED, "array_value");
                    int arrayEnd = in.lengthEnd(stop, "array_value");
                    value = array(arrayEnd, depth);
                    in.position(arrayEnd);
                    break;
                case 6: in.expect(tag, LENGTH_DELIMITED, "kvlist_value");
                    int listEnd = in.lengthEnd(stop, "kvlist_value");
                    value = kvList(listEnd, depth);
                    in.position(listEnd);
                    break;
                case 7: in.expect(tag, LENGTH_DELIMITED, "bytes_value"); value = in.bytes(stop, "bytes_value"); break;
                default: in.skip(tag, stop, "AnyValue");
            }
        }
        return value;
    }

    private List<Object> array(int stop, int depth) {
        List<Object> values = new ArrayList<>();
        while (in.position() < stop) {
            long tag = in.tag(stop, "ArrayValue");
            if (tag >>> 3 == 1) {
                in.expect(tag, LENGTH_DELIMITED, "array element");
                int elementEnd = in.lengthEnd(stop, "array element");
                values.add(anyValue(elementEnd, depth + 1));
                in.position(elementEnd);
            } else {
                in.skip(tag, stop, "ArrayValue");
            }
        }
        return values;
    }

    private Map<String, Object> kvList(int stop, int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        while (in.position() < stop) {
            long tag = in.tag(stop, "KeyValueList");
            if (tag >>> 3 == 1) {
                in.expect(tag, LENGTH_DELIMITED, "kvlist entry");
                int entryEnd = in.lengthEnd(stop, "kvlist entry");
                nestedKeyValue(entryEnd, depth + 1, values);
                in.position(entryEnd);
            } else {
                in.skip(tag, stop, "KeyValueList");
            }
        }
        return values;
    }

    private void nestedKeyValue(int stop, int depth, Map<String, Object> into) {
        String key = null;
        Object value = null;
        while (in.position() < stop) {
            long tag = in.tag(stop, "KeyValue");
            int field = (int) (tag >>> 3);
            if (field == 1) {
                in.expect(tag, LENGTH_DELIMITED, "key");
                key = in.string(stop, "key");
            } else if (field == 2) {
                in.expect(tag, LENGTH_DELIMITED, "value");
                int valueEnd = in.lengthEnd(stop, "value");
                value = anyValue(valueEnd, depth);
                in.position(valueEnd);
            } else {
                in.skip(tag, stop, "KeyValue");
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("kvlist entry without a key");
        }
        into.put(key, value);
    }
}
