package dev.spool.otlp;

import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;

import java.util.HashMap;
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
 * Each string value is encoded to UTF-8 once, into a scratch buffer whose length is then the field's (not
 * measured in one pass and encoded in another); attribute keys and severity texts, a handful of strings
 * repeated in every record, are encoded once per encoder and kept (up to {@value #MAX_KEPT} of them).
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
    /** One string value's UTF-8, encoded before its length is written. */
    private final ByteBuilder text = new ByteBuilder(1024);
    /** A key's UTF-8 the first time it is seen (apart from {@link #text}: a value may be there meanwhile). */
    private final ByteBuilder keyText = new ByteBuilder(64);
    /** UTF-8 of the keys and severity texts seen so far, by string. */
    private final Map<String, byte[]> kept = new HashMap<>();
    /** Enough for the mapping's keys and an application's field keys; past it a key is encoded each time. */
    static final int MAX_KEPT = 1024;
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

    private void stringResourceAttribute(ByteBuilder out, String key, String value) {
        ByteBuilder v = utf8(value);
        kv(out, RESOURCE_ATTRIBUTES, key, fieldSize(v.length()));
        bytesField(STRING_VALUE, v, out);
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
        int nameField = fieldSize(utf8(scope).length());
        int scopeMessage = 1 + varintSize(nameField) + nameField;
        tag(RESOURCE_LOGS_SCOPE_LOGS, LENGTH_DELIMITED, resourceBody);
        varint(scopeMessage + scopeRecords.length(), resourceBody);
        tag(SCOPE_LOGS_SCOPE, LENGTH_DELIMITED, resourceBody);
        varint(nameField, resourceBody);
        bytesField(SCOPE_NAME, utf8(scope), resourceBody);
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
        keptField(SEVERITY_TEXT, severityText, record);
        ByteBuilder b = utf8(body);
        tag(BODY, LENGTH_DELIMITED, record);
        varint(fieldSize(b.length()), record);
        bytesField(STRING_VALUE, b, record);
    }

    @Override
    void stringAttribute(String key, CharSequence value) {
        ByteBuilder v = utf8(value);
        kv(record, ATTRIBUTES, key, fieldSize(v.length()));
        bytesField(STRING_VALUE, v, record);
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
            int element = fieldSize(utf8(v).length());
            array += 1 + varintSize(element) + element;
        }
        kv(record, ATTRIBUTES, key, 1 + varintSize(array) + array);
        tag(ARRAY_VALUE, LENGTH_DELIMITED, record);
        varint(array, record);
        for (String v : values) {
            ByteBuilder element = utf8(v);
            tag(ARRAY_VALUES, LENGTH_DELIMITED, record);
            varint(fieldSize(element.length()), record);
            bytesField(STRING_VALUE, element, record);
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
    private void kv(ByteBuilder out, int field, String key, int valueSize) {
        byte[] k = keptUtf8(key);
        int keyField = 1 + varintSize(k.length) + k.length;
        tag(field, LENGTH_DELIMITED, out);
        varint(keyField + 1 + varintSize(valueSize) + valueSize, out);
        tag(KEY, LENGTH_DELIMITED, out);
        varint(k.length, out);
        out.append(k);
        tag(VALUE, LENGTH_DELIMITED, out);
        varint(valueSize, out);
    }

    /** Size of a length-delimited field with a one-byte tag and {@code length} bytes of content. */
    private static int fieldSize(int length) {
        return 1 + varintSize(length) + length;
    }

    /** A length-delimited field with a one-byte tag whose content is all of {@code content}. */
    private static void bytesField(int field, ByteBuilder content, ByteBuilder out) {
        tag(field, LENGTH_DELIMITED, out);
        varint(content.length(), out);
        out.append(content);
    }

    /** A string field whose string is one of the few every record repeats (a key, a severity text). */
    private void keptField(int field, String s, ByteBuilder out) {
        byte[] b = keptUtf8(s);
        tag(field, LENGTH_DELIMITED, out);
        varint(b.length, out);
        out.append(b);
    }

    private byte[] keptUtf8(String s) {
        byte[] b = kept.get(s);
        if (b == null) {
            ByteBuilder t = utf8(s, keyText);
            b = java.util.Arrays.copyOf(t.array(), t.length());
            if (kept.size() < MAX_KEPT) {
                kept.put(s, b);
            }
        }
        return b;
    }

    /**
     * {@code s} as UTF-8 (a lone surrogate as U+FFFD) in the encoder's scratch buffer, valid until the next
     * call; the chars copied out in bulk, their ASCII run copied byte by byte, the rest (if any) encoded
     * char by char.
     */
    private ByteBuilder utf8(CharSequence s) {
        return utf8(s, text);
    }

    /** {@code s} as UTF-8 in {@code t} (cleared first). */
    private static ByteBuilder utf8(CharSequence s, ByteBuilder t) {
        t.clear();
        int n = s.length();
        char[] chars = t.charScratch(n);
        ByteBuilder.copyChars(s, 0, n, chars);
        int i = t.appendPrintableAscii(chars, 0, n);
        while (i < n && chars[i] < 0x80) { // a control char or DEL: one byte, as printable ASCII
            t.append((byte) chars[i]);
            i = t.appendPrintableAscii(chars, i + 1, n);
        }
        if (i < n) {
            t.appendUtf8(s, i, n);
        }
        return t;
    }
}
