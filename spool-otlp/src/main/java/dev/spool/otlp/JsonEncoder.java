package dev.spool.otlp;

import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.JsonEscaper;

import java.util.Map;

/**
 * The request in OTLP/JSON ({@code application/json}): protobuf's JSON mapping with OTLP's exceptions
 * (trace and span ids as hex, enums as numbers, 64-bit integers as decimal strings, lowerCamelCase keys).
 * Streamed into one buffer as events come.
 */
final class JsonEncoder extends RequestEncoder {

    private final ByteBuilder body = new ByteBuilder(64 * 1024);
    private boolean firstResource = true;
    private String scope;
    private boolean firstScope = true;
    private boolean firstRecord;
    private boolean firstAttribute;
    private boolean attributesOpen;

    JsonEncoder(Map<String, String> extraResource) {
        super(extraResource);
        body.appendAscii("{\"resourceLogs\":[");
    }

    @Override
    void openResource(Resource r, Map<String, String> extra) {
        body.appendAscii(firstResource ? "{\"resource\":{\"attributes\":[" : ",{\"resource\":{\"attributes\":[");
        firstResource = false;
        key(OtlpMapping.SERVICE_NAME);
        stringValue(r.service());
        body.append((byte) ',');
        key(OtlpMapping.HOST_NAME);
        stringValue(r.host());
        body.append((byte) ',');
        key(OtlpMapping.PROCESS_PID);
        body.appendAscii("{\"intValue\":\"").appendDecimal(r.pid()).appendAscii("\"}}");
        extra.forEach((k, v) -> {
            body.append((byte) ',');
            key(k);
            stringValue(v);
        });
        body.appendAscii("]},\"scopeLogs\":[");
        firstScope = true;
    }

    private void stringValue(String value) {
        body.appendAscii("{\"stringValue\":");
        JsonEscaper.appendString(value, body);
        body.appendAscii("}}");
    }

    @Override
    void closeResource() {
        body.appendAscii("]}");
    }

    @Override
    String contentType() {
        return "application/json";
    }

    @Override
    int bytes() {
        return body.length() + 8;
    }

    @Override
    String currentScope() {
        return scope;
    }

    @Override
    void openScope(String loggerName) {
        if (!firstScope) {
            body.append((byte) ',');
        }
        firstScope = false;
        scope = loggerName;
        body.appendAscii("{\"scope\":{\"name\":");
        JsonEscaper.appendString(loggerName, body);
        body.appendAscii("},\"logRecords\":[");
        firstRecord = true;
    }

    @Override
    void closeScope() {
        if (scope != null) {
            body.appendAscii("]}");
            scope = null;
        }
    }

    @Override
    void beginRecord(long timeUnixNanos, int severityNumber, String severityText, CharSequence text) {
        if (!firstRecord) {
            body.append((byte) ',');
        }
        firstRecord = false;
        body.appendAscii("{\"timeUnixNano\":\"").appendDecimal(timeUnixNanos)
                .appendAscii("\",\"observedTimeUnixNano\":\"").appendDecimal(timeUnixNanos)
                .appendAscii("\",\"severityNumber\":").appendDecimal(severityNumber)
                .appendAscii(",\"severityText\":\"").appendAscii(severityText)
                .appendAscii("\",\"body\":{\"stringValue\":");
        JsonEscaper.appendString(text, body);
        body.appendAscii("},\"attributes\":[");
        attributesOpen = true;
        firstAttribute = true;
    }

    private void attribute(String key) {
        if (!firstAttribute) {
            body.append((byte) ',');
        }
        firstAttribute = false;
        key(key);
    }

    private void key(String key) {
        body.appendAscii("{\"key\":");
        JsonEscaper.appendString(key, body);
        body.appendAscii(",\"value\":");
    }

    @Override
    void stringAttribute(String key, CharSequence value) {
        attribute(key);
        body.appendAscii("{\"stringValue\":");
        JsonEscaper.appendString(value, body);
        body.appendAscii("}}");
    }

    @Override
    void longAttribute(String key, long value) {
        attribute(key);
        body.appendAscii("{\"intValue\":\"").appendDecimal(value).appendAscii("\"}}");
    }

    @Override
    void doubleAttribute(String key, double value) {
        attribute(key);
        body.appendAscii("{\"doubleValue\":");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            body.append((byte) '"').appendAscii(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
                    .append((byte) '"');
        } else {
            body.appendAscii(Double.toString(value));
        }
        body.appendAscii("}}");
    }

    @Override
    void boolAttribute(String key, boolean value) {
        attribute(key);
        body.appendAscii(value ? "{\"boolValue\":true}}" : "{\"boolValue\":false}}");
    }

    @Override
    void stringArrayAttribute(String key, String[] values) {
        attribute(key);
        body.appendAscii("{\"arrayValue\":{\"values\":[");
        for (int i = 0; i < values.length; i++) {
            body.appendAscii(i == 0 ? "{\"stringValue\":" : ",{\"stringValue\":");
            JsonEscaper.appendString(values[i], body);
            body.append((byte) '}');
        }
        body.appendAscii("]}}}");
    }

    private void closeAttributes() {
        if (attributesOpen) {
            body.append((byte) ']');
            attributesOpen = false;
        }
    }

    @Override
    void traceFlags(int flags) {
        closeAttributes();
        body.appendAscii(",\"flags\":").appendDecimal(flags);
    }

    @Override
    void traceIdHex(String which, String hex) {
        closeAttributes();
        body.appendAscii(OtlpMapping.TRACE_ID.equals(which) ? ",\"traceId\":\"" : ",\"spanId\":\"");
        for (int i = 0; i < hex.length(); i++) {
            body.append((byte) Character.toLowerCase(hex.charAt(i)));
        }
        body.append((byte) '"');
    }

    @Override
    void endRecord() {
        closeAttributes();
        body.append((byte) '}');
    }

    @Override
    void writeRequest(ByteBuilder out) {
        out.append(body).appendAscii("]}");
        body.clear();
        body.appendAscii("{\"resourceLogs\":[");
        firstResource = true;
    }
}
