package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.TestEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

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
        byte[] official = OfficialRequest.of(java.util.Arrays.asList(events), Map.of()).toByteArray();
        ExportLogsServiceRequest fromSpool = ExportLogsServiceRequest.parseFrom(java.util.Arrays.copyOf(out.array(), out.length()));
        System.out.printf("request bytes: spool %d, official %d, same request: %s%n", out.length(), official.length,
                fromSpool.equals(ExportLogsServiceRequest.parseFrom(official)) && count(fromSpool) == BATCH);
        for (int pass = 0; pass < 3; pass++) {
            measure("spool hand-written", () -> {
                for (LogEvent e : events) {
                    spool.add(e);
                }
                spool.finish(out);
            });
            measure("official classes  ", () -> OfficialRequest.of(java.util.Arrays.asList(events), Map.of()).toByteArray());
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
}
