package dev.spool.otlp;

import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;

import java.util.Map;

import static dev.spool.otlp.ProtoWriter.FIXED32;
import static dev.spool.otlp.ProtoWriter.FIXED64;
import static dev.spool.otlp.ProtoWriter.LENGTH_DELIMITED;
import static dev.spool.otlp.ProtoWriter.VARINT;
import static dev.spool.otlp.ProtoWriter.tag;
import static dev.spool.otlp.ProtoWriter.varint;
import static dev.spool.otlp.ProtoWriter.varintSize;

/**
 * The request in protobuf ({@code application/x-protobuf}), field numbers of opentelemetry-proto's
 * {@code logs/v1} and {@code common/v1}. Lengths of scalar attributes are computed before they are
 * written, so a record is copied once into its scope; a scope once into the resource when it closes.
 */
final class ProtobufEncoder extends RequestEncoder {

    // ExportLogsServiceRequest.resource_logs, ResourceLogs.resource / scope_logs, ScopeLogs.scope / log_records
    private static final int REQUEST_RESOURCE_LOGS = 1;
    private static final int RESOURCE_LOGS_RESOURCE = 1;
    private static final int RESOURCE_LOGS_SCOPE_LOGS = 2;
    private static final int SCOPE_LOGS_SCOPE = 1;
    private static final int SCOPE_LOGS_RECORDS = 2;
    private static final int SCOPE_NAME = 1;
    private static final int RESOURCE_ATTRIBUTES = 1;
    // LogRecord
    private static final int TIME = 1;
    private static final int SEVERITY_NUMBER = 2;
    private static final int SEVERITY_TEXT = 3;
    private static final int BODY = 5;
    private static final int ATTRIBUTES = 6;
    private static final int FLAGS = 8;
    private static final int TRACE_ID = 9;
    private static final int SPAN_ID = 10;
    private static final int OBSERVED_TIME = 11;
    // KeyValue, AnyValue, ArrayValue
    private static final int KEY = 1;
    private static final int VALUE = 2;
    private static final int STRING_VALUE = 1;
    private static final int BOOL_VALUE = 2;
    private static final int INT_VALUE = 3;
    private static final int DOUBLE_VALUE = 4;
    private static final int ARRAY_VALUE = 5;
    private static final int ARRAY_VALUES = 1;

    private final ByteBuilder request = new ByteBuilder(64 * 1024);
    private final ByteBuilder resourceBody = new ByteBuilder(64 * 1024);
    private final ByteBuilder scopeRecords = new ByteBuilder(64 * 1024);
    private final ByteBuilder record = new ByteBuilder(1024);
    private final ByteBuilder resourceMessage = new ByteBuilder(256);
    /** The resource {@link #resourceMessage} encodes: one sender has one, so it is encoded once. */
    private Resource encodedResource;
    private String scope;

    ProtobufEncoder(Map<String, String> extraResource) {
        super(extraResource);
    }

    @Override
    String contentType() {
        return "application/x-protobuf";
    }

    @Override
    int bytes() {
        return request.length() + resourceBody.length() + scopeRecords.length() + 32;
    }

    @Override
    void openResource(Resource r, Map<String, String> extra) {
        if (r != encodedResource) {
            ByteBuilder attributes = new ByteBuilder(256);
            stringResourceAttribute(attributes, OtlpMapping.SERVICE_NAME, r.service());
            stringResourceAttribute(attributes, OtlpMapping.HOST_NAME, r.host());
            kv(attributes, RESOURCE_ATTRIBUTES, OtlpMapping.PROCESS_PID, 1 + varintSize(r.pid()));
            tag(INT_VALUE, VARINT, attributes);
            varint(r.pid(), attributes);
            extra.forEach((k, v) -> stringResourceAttribute(attributes, k, v));
            resourceMessage.clear();
            ProtoWriter.bytesField(RESOURCE_LOGS_RESOURCE, attributes, resourceMessage);
            encodedResource = r;
        }
        resourceBody.clear();
        resourceBody.append(resourceMessage);
    }

    private static void stringResourceAttribute(ByteBuilder out, String key, String value) {
        kv(out, RESOURCE_ATTRIBUTES, key, stringFieldSize(value));
        stringField(STRING_VALUE, value, out);
    }

    @Override
    void closeResource() {
        ProtoWriter.bytesField(REQUEST_RESOURCE_LOGS, resourceBody, request);
        resourceBody.clear();
    }

    @Override
    String currentScope() {
        return scope;
    }

    @Override
    void openScope(String loggerName) {
        scope = loggerName;
    }

    @Override
    void closeScope() {
        if (scope == null) {
            return;
        }
        int nameField = stringFieldSize(scope);
        int scopeMessage = 1 + varintSize(nameField) + nameField;
        tag(RESOURCE_LOGS_SCOPE_LOGS, LENGTH_DELIMITED, resourceBody);
        varint(scopeMessage + scopeRecords.length(), resourceBody);
        tag(SCOPE_LOGS_SCOPE, LENGTH_DELIMITED, resourceBody);
        varint(nameField, resourceBody);
        stringField(SCOPE_NAME, scope, resourceBody);
        resourceBody.append(scopeRecords);
        scopeRecords.clear();
        scope = null;
    }

    @Override
    void beginRecord(long timeUnixNanos, int severityNumber, String severityText, CharSequence body) {
        record.clear();
        tag(TIME, FIXED64, record);
        ProtoWriter.fixed64(timeUnixNanos, record);
        tag(OBSERVED_TIME, FIXED64, record);
        ProtoWriter.fixed64(timeUnixNanos, record);
        tag(SEVERITY_NUMBER, VARINT, record);
        varint(severityNumber, record);
        stringField(SEVERITY_TEXT, severityText, record);
        tag(BODY, LENGTH_DELIMITED, record);
        varint(stringFieldSize(body), record);
        stringField(STRING_VALUE, body, record);
    }

    @Override
    void stringAttribute(String key, CharSequence value) {
        kv(record, ATTRIBUTES, key, stringFieldSize(value));
        stringField(STRING_VALUE, value, record);
    }

    @Override
    void longAttribute(String key, long value) {
        kv(record, ATTRIBUTES, key, 1 + varintSize(value));
        tag(INT_VALUE, VARINT, record);
        varint(value, record);
    }

    @Override
    void doubleAttribute(String key, double value) {
        kv(record, ATTRIBUTES, key, 9);
        tag(DOUBLE_VALUE, FIXED64, record);
        ProtoWriter.fixed64(Double.doubleToRawLongBits(value), record);
    }

    @Override
    void boolAttribute(String key, boolean value) {
        kv(record, ATTRIBUTES, key, 2);
        tag(BOOL_VALUE, VARINT, record);
        record.append((byte) (value ? 1 : 0));
    }

    @Override
    void stringArrayAttribute(String key, String[] values) {
        int array = 0;
        for (String v : values) {
            int element = stringFieldSize(v);
            array += 1 + varintSize(element) + element;
        }
        kv(record, ATTRIBUTES, key, 1 + varintSize(array) + array);
        tag(ARRAY_VALUE, LENGTH_DELIMITED, record);
        varint(array, record);
        for (String v : values) {
            tag(ARRAY_VALUES, LENGTH_DELIMITED, record);
            varint(stringFieldSize(v), record);
            stringField(STRING_VALUE, v, record);
        }
    }

    @Override
    void traceFlags(int flags) {
        tag(FLAGS, FIXED32, record);
        ProtoWriter.fixed32(flags, record);
    }

    @Override
    void traceIdHex(String which, String hex) {
        tag(OtlpMapping.TRACE_ID.equals(which) ? TRACE_ID : SPAN_ID, LENGTH_DELIMITED, record);
        varint(hex.length() / 2, record);
        for (int i = 0; i < hex.length(); i += 2) {
            record.append((byte) (Character.digit(hex.charAt(i), 16) << 4 | Character.digit(hex.charAt(i + 1), 16)));
        }
    }

    @Override
    void endRecord() {
        ProtoWriter.bytesField(SCOPE_LOGS_RECORDS, record, scopeRecords);
    }

    @Override
    void writeRequest(ByteBuilder out) {
        out.append(request);
        request.clear();
    }

    /** Starts a KeyValue field whose AnyValue content is {@code valueSize} bytes; the caller writes that content. */
    private static void kv(ByteBuilder out, int field, String key, int valueSize) {
        int keyField = stringFieldSize(key);
        tag(field, LENGTH_DELIMITED, out);
        varint(keyField + 1 + varintSize(valueSize) + valueSize, out);
        stringField(KEY, key, out);
        tag(VALUE, LENGTH_DELIMITED, out);
        varint(valueSize, out);
    }

    /** Size of a string field with a one-byte tag: tag, length, UTF-8 bytes. */
    private static int stringFieldSize(CharSequence text) {
        int n = OtlpMapping.utf8Length(text);
        return 1 + varintSize(n) + n;
    }

    private static void stringField(int field, CharSequence text, ByteBuilder out) {
        tag(field, LENGTH_DELIMITED, out);
        varint(OtlpMapping.utf8Length(text), out);
        out.appendUtf8(text);
    }
}
