package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.LogEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

import java.util.List;
import java.util.Map;

/** What the official opentelemetry-proto builders make of events: what Spool's encoder must equal, byte for value. */
final class OfficialRequest {

    private OfficialRequest() {
    }

    /**
     * The request for {@code events} by the mapping of docs/otlp.md, made with the official builders, resources
     * and scopes grouped as the encoder groups them; {@code resourceAttributes} are the configured ones.
     */
    static ExportLogsServiceRequest of(List<? extends LogEvent> events, Map<String, String> resourceAttributes) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        ResourceLogs.Builder rl = null;
        ScopeLogs.Builder scope = null;
        Resource resource = null;
        String logger = null;
        char[] id = new char[EventId.TEXT_LENGTH];
        for (LogEvent e : events) {
            if (!e.resource().equals(resource)) {
                if (rl != null) {
                    request.addResourceLogs(rl.addScopeLogs(scope));
                }
                resource = e.resource();
                rl = ResourceLogs.newBuilder().setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(kv("service.name", str(resource.service())))
                        .addAttributes(kv("host.name", str(resource.host())))
                        .addAttributes(kv("process.pid", AnyValue.newBuilder().setIntValue(resource.pid()).build())));
                for (Map.Entry<String, String> a : resourceAttributes.entrySet()) {
                    rl.getResourceBuilder().addAttributes(kv(a.getKey(), str(a.getValue())));
                }
                scope = null;
                logger = null;
            }
            if (!e.logger().equals(logger)) {
                if (scope != null) {
                    rl.addScopeLogs(scope);
                }
                logger = e.logger();
                scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName(logger));
            }
            long nanos = e.timestampMicros() * 1000;
            LogRecord.Builder r = LogRecord.newBuilder().setTimeUnixNano(nanos).setObservedTimeUnixNano(nanos)
                    .setSeverityNumberValue(OtlpMapping.severityNumber(e.level())).setSeverityText(e.level().name())
                    .setBody(str(utf8Of(e.message().toString())));
            for (int i = 0; i < e.fieldCount(); i++) {
                Object v = e.fieldValue(i);
                AnyValue value = v instanceof Long ? AnyValue.newBuilder().setIntValue((Long) v).build()
                        : v instanceof Double ? AnyValue.newBuilder().setDoubleValue((Double) v).build()
                        : v instanceof Boolean ? AnyValue.newBuilder().setBoolValue((Boolean) v).build() : str(v.toString());
                r.addAttributes(kv(e.fieldKey(i), value));
            }
            if (e.context().size() > 0) {
                ArrayValue.Builder keys = ArrayValue.newBuilder();
                for (int i = 0; i < e.context().size(); i++) {
                    r.addAttributes(kv(e.context().key(i), str(e.context().value(i))));
                    keys.addValues(str(e.context().key(i)));
                }
                r.addAttributes(kv("spool.context.keys", AnyValue.newBuilder().setArrayValue(keys).build()));
            }
            r.addAttributes(kv("thread.name", str(e.threadName())));
            r.addAttributes(kv("thread.id", AnyValue.newBuilder().setIntValue(e.threadId()).build()));
            EventId.encode(e.idHigh(), e.idLow(), id, 0);
            r.addAttributes(kv("log.record.uid", str(new String(id))));
            scope.addLogRecords(r);
        }
        return request.addResourceLogs(rl.addScopeLogs(scope)).build();
    }

    /** What UTF-8 makes of {@code s}: a lone surrogate becomes U+FFFD, as the encoder writes it. */
    private static String utf8Of(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }
}
