package dev.spool.collector.otlp;

import dev.spool.EventId;
import dev.spool.spi.LogEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What decoding a 2000-record protobuf request costs a receiver thread (the shape the {@code otlp} bench
 * sends: Spool's attributes, two fields, a ULID per record). Prints wall and CPU ns and bytes allocated
 * per record.
 * Not a test: run it by hand (docs/decisions/otlp-inflight.md has the command, and the figures that decided
 * against decoding into reused events).
 */
public final class DecodeCost {

    private static final int BATCH = 2_000;
    private static final int ROUNDS = 2_000;

    private DecodeCost() {
    }

    public static void main(String[] args) throws Exception {
        byte[] request = request();
        System.out.printf("request bytes: %d for %d records%n", request.length, BATCH);
        for (int pass = 0; pass < 3; pass++) {
            // com.sun.management is not read by this module: its allocation counter through reflection
            java.lang.reflect.Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class);
            Object threads = ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long sink = 0;
            for (int i = 0; i < ROUNDS / 4; i++) {
                sink += OtlpLogsDecoder.decode(request, 0, request.length, false).size();
            }
            long allocated = (Long) allocatedBytes.invoke(threads, id);
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                List<? extends LogEvent> events = OtlpLogsDecoder.decode(request, 0, request.length, false);
                sink += events.get(i % BATCH).fieldCount();
            }
            long nanos = System.nanoTime() - start;
            cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
            allocated = (Long) allocatedBytes.invoke(threads, id) - allocated;
            System.out.printf("pass %d: %.0f ns/record, %.0f ns CPU/record, %.0f bytes allocated/record (%d)%n", pass,
                    nanos / (double) ROUNDS / BATCH, cpu / (double) ROUNDS / BATCH, allocated / (double) (ROUNDS + ROUNDS / 4) / BATCH, sink);
        }
    }

    private static byte[] request() {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("bench.p0"));
        for (int i = 0; i < BATCH; i++) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_763_769_301_000_000_000L + i * 1000L)
                    .setObservedTimeUnixNano(1_763_769_301_000_000_000L + i * 1000L).setSeverityNumberValue(9)
                    .setSeverityText("INFO").setBody(string("p=0 seq=" + i))
                    .addAttributes(kv("thread.name", string("bench-producer-0")))
                    .addAttributes(kv("thread.id", AnyValue.newBuilder().setIntValue(31).build()))
                    .addAttributes(kv("log.record.uid", string(EventId.toString(EventId.high(1_763_769_301_000L + i), i))))
                    .addAttributes(kv("order_id", AnyValue.newBuilder().setIntValue(i).build()))
                    .addAttributes(kv("customer", string("c-" + (i * 7)))));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", string("bench")))
                        .addAttributes(kv("host.name", string("vm"))).addAttributes(kv("process.pid",
                                AnyValue.newBuilder().setIntValue(4242).build())))
                .addScopeLogs(scope)).build().toByteArray();
    }

    private static AnyValue string(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
