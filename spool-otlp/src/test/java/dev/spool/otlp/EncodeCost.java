package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.TestEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * What encoding a 1000-event request costs on the writer thread: Spool's hand-written protobuf encoder
 * against the official opentelemetry-proto classes (builders, then {@code toByteArray}) for the same
 * records. Prints ns and bytes allocated per event, and checks the two outputs decode to the same request.
 *
 * <pre>
 * mvn -B -o -q -P '!jdk25' -pl spool-otlp -am test-compile
 * java -cp "$(cat spool-otlp/target/cp.txt)" dev.spool.otlp.EncodeCost   # cp: see docs/decisions/otlp.md
 * </pre>
 */
public final class EncodeCost {

    private static final int BATCH = 1_000;
    private static final int ROUNDS = 2_000;

    private EncodeCost() {
    }

    public static void main(String[] args) throws Exception {
        LogEvent[] events = new LogEvent[BATCH];
        for (int i = 0; i < BATCH; i++) {
            events[i] = TestEvent.event().id(EventId.high(1_763_769_301_000L + i), i).level(Level.INFO)
                    .logger(i % 10 == 0 ? "app.orders" : "app.db").thread("worker-" + (i % 4), i % 4)
                    .message("order " + i + " placed for customer c-" + (i * 7))
                    .field("order_id", (long) i).field("total", i * 1.25).field("paid", i % 2 == 0)
                    .field("customer", "c-" + (i * 7)).context("request_id", "r-" + i);
        }
        ProtobufEncoder spool = new ProtobufEncoder(Map.of());
        ByteBuilder out = new ByteBuilder(1 << 20);
        for (LogEvent e : events) {
            spool.add(e);
        }
        spool.finish(out);
        byte[] official = official(events).toByteArray();
        ExportLogsServiceRequest fromSpool = ExportLogsServiceRequest.parseFrom(java.util.Arrays.copyOf(out.array(), out.length()));
        System.out.printf("request bytes: spool %d, official %d, same records: %s%n", out.length(), official.length,
                fromSpool.getResourceLogs(0).getScopeLogsCount() > 0
                        && count(fromSpool) == BATCH && count(ExportLogsServiceRequest.parseFrom(official)) == BATCH);
        for (int pass = 0; pass < 3; pass++) {
            measure("spool hand-written", () -> {
                for (LogEvent e : events) {
                    spool.add(e);
                }
                spool.finish(out);
            });
            measure("official classes  ", () -> official(events).toByteArray());
        }
    }

    private static int count(ExportLogsServiceRequest r) {
        return r.getResourceLogsList().stream().flatMap(rl -> rl.getScopeLogsList().stream())
                .mapToInt(ScopeLogs::getLogRecordsCount).sum();
    }

    private static void measure(String name, Runnable batch) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < ROUNDS / 4; i++) {
            batch.run();
        }
        long allocated = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            batch.run();
        }
        long ns = System.nanoTime() - start;
        allocated = threads.getThreadAllocatedBytes(id) - allocated;
        System.out.printf("%s  %6.0f ns/event  %6.0f bytes allocated/event%n", name, (double) ns / ROUNDS / BATCH,
                (double) allocated / ROUNDS / BATCH);
    }

    /** The same mapping as Spool's encoder, with the official builders, grouped into scopes the same way. */
    private static ExportLogsServiceRequest official(LogEvent[] events) {
        ResourceLogs.Builder rl = ResourceLogs.newBuilder().setResource(Resource.newBuilder()
                .addAttributes(kv("service.name", str(events[0].resource().service())))
                .addAttributes(kv("host.name", str(events[0].resource().host())))
                .addAttributes(kv("process.pid", AnyValue.newBuilder().setIntValue(events[0].resource().pid()).build())));
        ScopeLogs.Builder scope = null;
        String logger = null;
        char[] id = new char[EventId.TEXT_LENGTH];
        for (LogEvent e : events) {
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
                    .setBody(str(e.message().toString()));
            for (int i = 0; i < e.fieldCount(); i++) {
                Object v = e.fieldValue(i);
                AnyValue value = v instanceof Long ? AnyValue.newBuilder().setIntValue((Long) v).build()
                        : v instanceof Double ? AnyValue.newBuilder().setDoubleValue((Double) v).build()
                        : v instanceof Boolean ? AnyValue.newBuilder().setBoolValue((Boolean) v).build() : str(v.toString());
                r.addAttributes(kv(e.fieldKey(i), value));
            }
            for (int i = 0; i < e.context().size(); i++) {
                r.addAttributes(kv(e.context().key(i), str(e.context().value(i))));
            }
            r.addAttributes(kv("thread.name", str(e.threadName())));
            r.addAttributes(kv("thread.id", AnyValue.newBuilder().setIntValue(e.threadId()).build()));
            EventId.encode(e.idHigh(), e.idLow(), id, 0);
            r.addAttributes(kv("log.record.uid", str(new String(id))));
            scope.addLogRecords(r);
        }
        rl.addScopeLogs(scope);
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(rl).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }
}
