package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.config.ConfigFile;
import dev.spool.otlp.TestReceiver.Reply;
import dev.spool.spi.Ingress;
import dev.spool.spi.support.Diagnostics;
import dev.spool.testkit.TestEvent;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code otlp} destination against real HTTP endpoints: one in the test read with the official proto classes. */
class OtlpDestinationIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Ingress ingress;

    @AfterEach
    void closeAll() throws Exception {
        if (ingress != null) {
            ingress.shutdown(Duration.ofSeconds(5));
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private TestReceiver receiver(int port, IntFunction<Reply> script) throws IOException {
        TestReceiver r = TestReceiver.start(port, script);
        open.add(r);
        return r;
    }

    /** A pipeline whose only destination is {@code otlp} with short timeouts and the given options on top. */
    private Ingress start(String endpoint, String... options) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("endpoint", endpoint);
        o.put("spool.dir", dir.resolve("spool").toString());
        o.put("spool.segmentBytes", "64KB");
        o.put("spool.maxBytes", "8MB");
        o.put("batch.maxBytes", "16KB");
        o.put("batch.maxDelay", "10ms");
        o.put("retry.minDelay", "20ms");
        o.put("retry.maxDelay", "200ms");
        o.put("timeout", "2s");
        o.put("connectTimeout", "1s");
        o.put("close.timeout", "2s");
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        // no ledgers: these tests count the events a receiver gets; OtlpLedgerIT checks the ledgers
        ingress = Ingress.start(SpoolConfig.builder().name("otlp-out").shutdownHook(false).jmx(false)
                .ledgerInterval(Duration.ZERO)
                .destination("otlp", "otlp", o).route("root", "", Level.TRACE, "otlp").build());
        return ingress;
    }

    private static TestEvent event(int n) {
        return TestEvent.event().id(EventId.high(1_763_769_301_000L + n), n + 1).message("event " + n)
                .timestampMicros(1_763_769_301_000_000L + n);
    }

    private void send(int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(ingress.ingest(event(i))).isTrue();
        }
    }

    private static OtlpHealth health() {
        return OtlpDestinations.health("otlp").orElseThrow();
    }

    private static List<String> bodies(List<LogRecord> records) {
        return records.stream().map(r -> r.getBody().getStringValue()).collect(Collectors.toList());
    }

    private static List<String> expected(int n) {
        return Stream.iterate(0, i -> i + 1).limit(n).map(i -> "event " + i).collect(Collectors.toList());
    }

    @Nested
    class Mapping {

        @Test
        void everyMappedFieldArrivesAsTheOfficialClassesReadIt() throws Exception {
            TestReceiver receiver = receiver(0, n -> Reply.ok());
            System.setProperty("spool.otlp.test.token", "s3cret");
            Properties p = new Properties();
            p.setProperty("name", "mapping");
            p.setProperty("jmx", "false");
            p.setProperty("shutdown.hook", "false");
            p.setProperty("destination.otlp.type", "otlp");
            p.setProperty("destination.otlp.endpoint", receiver.endpoint());
            p.setProperty("destination.otlp.gzip", "true");
            p.setProperty("destination.otlp.headers.Authorization", "Bearer ${sys:spool.otlp.test.token}");
            p.setProperty("destination.otlp.resource.deployment.environment", "test");
            p.setProperty("destination.otlp.spool.dir", dir.resolve("spool").toString());
            p.setProperty("destination.otlp.batch.maxDelay", "10ms");
            p.setProperty("route.root.level", "TRACE");
            p.setProperty("route.root.destinations", "otlp");
            ingress = Ingress.start(ConfigFile.parse(p));

            IllegalStateException cause = new IllegalStateException("pool empty");
            cause.setStackTrace(new StackTraceElement[] {new StackTraceElement("db.Pool", "take", "Pool.java", 41)});
            RuntimeException thrown = new RuntimeException("order failed", cause);
            thrown.setStackTrace(new StackTraceElement[] {new StackTraceElement("app.Orders", "place", "Orders.java", 7)});
            TestEvent e = TestEvent.event().id(EventId.high(1_763_769_301_123L), 77).level(Level.WARN)
                    .logger("app.orders").thread("worker-3", 42).message("order 17 failed: \u00e9\u20ac\ud83d\ude00")
                    .timestampMicros(1_763_769_301_123_456L)
                    .field("order_id", 17L).field("attempt", 2).field("total", 12.5).field("paid", false)
                    .field("customer", "c-9")
                    .context("user", "alice").context("trace_id", TRACE_ID).context("span_id", SPAN_ID)
                    .context("trace_flags", "01").throwable(thrown);
            ingress.ingest(e);
            ingress.ingest(TestEvent.event().id(EventId.high(1_763_769_301_124L), 78).logger("app.other").message("next"));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.records(200).size() == 2);

            TestReceiver.Received got = receiver.received().get(0);
            assertThat(got.headers().get("Content-type")).containsExactly("application/x-protobuf");
            assertThat(got.headers().get("Content-encoding")).containsExactly("gzip");
            assertThat(got.headers().get("Authorization")).containsExactly("Bearer s3cret");
            ResourceLogs resourceLogs = got.request().getResourceLogs(0);
            assertThat(attributes(resourceLogs.getResource().getAttributesList())).containsExactly(
                    Map.entry("service.name", string("test-service")), Map.entry("host.name", string("test-host")),
                    Map.entry("process.pid", integer(4242)), Map.entry("deployment.environment", string("test")));
            assertThat(resourceLogs.getScopeLogsList()).extracting(s -> s.getScope().getName())
                    .containsExactly("app.orders", "app.other");
            ScopeLogs scope = resourceLogs.getScopeLogs(0);
            LogRecord r = scope.getLogRecords(0);
            assertThat(r.getTimeUnixNano()).isEqualTo(1_763_769_301_123_456_000L);
            assertThat(r.getObservedTimeUnixNano()).isEqualTo(1_763_769_301_123_456_000L);
            assertThat(r.getSeverityNumberValue()).isEqualTo(13);
            assertThat(r.getSeverityText()).isEqualTo("WARN");
            assertThat(r.getBody().getStringValue()).isEqualTo("order 17 failed: \u00e9\u20ac\ud83d\ude00");
            assertThat(HexFormat.of().formatHex(r.getTraceId().toByteArray())).isEqualTo(TRACE_ID);
            assertThat(HexFormat.of().formatHex(r.getSpanId().toByteArray())).isEqualTo(SPAN_ID);
            assertThat(r.getFlags()).isEqualTo(1);
            Map<String, AnyValue> a = attributes(r.getAttributesList());
            assertThat(a).containsEntry("order_id", integer(17)).containsEntry("attempt", integer(2))
                    .containsEntry("total", AnyValue.newBuilder().setDoubleValue(12.5).build())
                    .containsEntry("paid", AnyValue.newBuilder().setBoolValue(false).build())
                    .containsEntry("customer", string("c-9")).containsEntry("user", string("alice"))
                    .containsEntry("thread.name", string("worker-3")).containsEntry("thread.id", integer(42))
                    .containsEntry("log.record.uid", string(EventId.toString(EventId.high(1_763_769_301_123L), 77)))
                    .containsEntry("exception.type", string("java.lang.RuntimeException"))
                    .containsEntry("exception.message", string("order failed"));
            assertThat(a.get("spool.context.keys").getArrayValue().getValuesList()).containsExactly(string("user"));
            assertThat(a).doesNotContainKeys("trace_id", "span_id", "trace_flags");
            assertThat(a.get("exception.stacktrace").getStringValue()).isEqualTo(
                    "java.lang.RuntimeException: order failed\n\tat app.Orders.place(Orders.java:7)\n"
                            + "Caused by: java.lang.IllegalStateException: pool empty\n\tat db.Pool.take(Pool.java:41)\n");
            assertThat(health().deliveredEvents()).isEqualTo(2);
            Map<String, Object> inStats = ingress.stats().destinations().get(0).health();
            assertThat(inStats).containsEntry("state", "CONNECTED").containsEntry("delivered_events", 2L)
                    .containsEntry("spool_events", 0L);
            assertThat(java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(OtlpJmx.objectName("otlp"), "DeliveredEvents")).isEqualTo(2L);
        }

        @Test
        void sealsARequestWhenItReachesBatchMaxBytes() throws Exception {
            TestReceiver receiver = receiver(0, n -> Reply.ok());
            start(receiver.endpoint(), "batch.maxBytes", "4KB", "batch.maxDelay", "10s");
            String text = "x".repeat(500);
            for (int i = 0; i < 40; i++) {
                ingress.ingest(event(i).message(text + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.records(200).size() >= 32);
            for (TestReceiver.Received r : receiver.received()) {
                assertThat(r.body().length).as("a request sealed at 4KB, with the event that passed it")
                        .isLessThan(4096 + 1024);
            }
            assertThat(receiver.received().size()).isGreaterThanOrEqualTo(4);
        }

        @Test
        void sendsOtlpJsonWhenAsked() throws Exception {
            TestReceiver receiver = receiver(0, n -> Reply.ok());
            start(receiver.endpoint(), "encoding", "json");
            ingress.ingest(TestEvent.event().context("trace_id", TRACE_ID).field("n", 5L).field("d", Double.NaN));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            TestReceiver.Received got = receiver.received().get(0);
            assertThat(got.headers().get("Content-type")).containsExactly("application/json");
            String json = new String(got.body(), StandardCharsets.UTF_8);
            // The OTLP/JSON rules the official protobuf JSON mapping does not follow by itself:
            assertThat(json).contains("\"traceId\":\"" + TRACE_ID + "\"").contains("\"intValue\":\"5\"")
                    .contains("\"doubleValue\":\"NaN\"").contains("\"severityNumber\":9")
                    .contains("\"timeUnixNano\":\"1763769301123456000\"");
            assertThat(dev.spool.spi.support.JsonReader.parse(got.body(), 0, got.body().length)).isInstanceOf(Map.class);
        }
    }

    /**
     * The endpoint's faults with one request at a time (arrival in spool order, exact counts) and with
     * several in flight (each event delivered, batches possibly in another order, a batch delivered behind
     * a failed one sent again and counted in {@code resent_events}).
     */
    @Nested
    class Faults {

        /** The bodies of the requests answered 200: in spool order with one request in flight; as a set with more. */
        private void assertDeliveredInOrderOrOnce(TestReceiver receiver, int n, int outstanding) {
            List<String> delivered = bodies(receiver.records(200));
            if (outstanding == 1) {
                assertThat(delivered).containsExactlyElementsOf(expected(n));
            } else {
                assertThat(delivered.stream().distinct().collect(Collectors.toList()))
                        .containsExactlyInAnyOrderElementsOf(expected(n));
            }
        }

        /** Every record of every request the receiver read, whatever it answered. */
        private List<String> arrived(TestReceiver receiver) {
            List<String> arrived = new ArrayList<>();
            for (TestReceiver.Received r : receiver.received()) {
                r.request().getResourceLogsList().forEach(rl -> rl.getScopeLogsList()
                        .forEach(sl -> sl.getLogRecordsList().forEach(lr -> arrived.add(lr.getBody().getStringValue()))));
            }
            return arrived;
        }

        @ParameterizedTest(name = "requests.maxOutstanding = {0}")
        @ValueSource(ints = {1, 4})
        void whileTheEndpointIsDownEventsWaitOnDiskAndArriveWhenItIsBack(int outstanding) throws Exception {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort(); // nothing listens here once the probe is closed
            }
            start("http://127.0.0.1:" + port, "batch.maxEvents", "50", "requests.maxOutstanding", "" + outstanding);
            send(0, 500);
            await().atMost(Duration.ofSeconds(10)).until(() -> health().spoolEvents() == 500
                    && health().state() == OtlpHealth.State.BACKING_OFF && health().retries() >= 2);
            try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".seg")).mapToLong(f -> f.toFile().length()).sum())
                        .as("bytes of the queue's segment files").isGreaterThan(500L * 50);
            }
            TestReceiver receiver = receiver(port, n -> Reply.ok());
            send(500, 600);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> health().deliveredEvents() == 600);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // seen twice in about a dozen runs of this class on a loaded machine: say where the sender stood
                throw new AssertionError("not all 600 delivered 10 s after the endpoint came back; the sender: "
                        + health() + "; records at the receiver: " + arrived(receiver).size(), e);
            }
            assertDeliveredInOrderOrOnce(receiver, 600, outstanding);
            assertThat(arrived(receiver)).as("nothing failed once the endpoint was back: no duplicate").hasSize(600);
            assertThat(health().spoolEvents()).isZero();
            assertThat(health().rejectedEvents()).isZero();
        }

        @ParameterizedTest(name = "requests.maxOutstanding = {0}")
        @ValueSource(ints = {1, 4})
        void retriesA503AfterItsRetryAfterAndA429(int outstanding) throws Exception {
            TestReceiver receiver = receiver(0, n -> n == 0 ? Reply.status(503, "Retry-After", "1")
                    : n == 1 ? Reply.status(429) : Reply.ok());
            start(receiver.endpoint(), "batch.maxEvents", "10", "requests.maxOutstanding", "" + outstanding);
            send(0, 30);
            await().atMost(Duration.ofSeconds(10)).until(() -> health().deliveredEvents() == 30);
            List<TestReceiver.Received> got = receiver.received();
            String first = got.get(0).request().getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getStringValue();
            TestReceiver.Received again = got.stream().skip(1).filter(r -> r.request().getResourceLogs(0).getScopeLogs(0)
                    .getLogRecords(0).getBody().getStringValue().equals(first)).findFirst().orElseThrow();
            assertThat(again.atNanos() - got.get(0).atNanos()).as("the 503'd batch waited for Retry-After: 1")
                    .isGreaterThanOrEqualTo(900_000_000L);
            assertDeliveredInOrderOrOnce(receiver, 30, outstanding);
            if (outstanding == 1) {
                assertThat(health().retries()).isEqualTo(2);
                assertThat(health().resentEvents()).isZero();
            } else {
                assertThat(health().retries()).isGreaterThanOrEqualTo(2);
            }
            assertThat(receiver.records(200).size() - 30).as("duplicates: batches delivered behind the 503, sent again")
                    .isEqualTo(health().resentEvents());
            assertThat(health().rejectedEvents()).isZero();
            assertThat(health().spoolEvents()).isZero();
        }

        @ParameterizedTest(name = "requests.maxOutstanding = {0}")
        @ValueSource(ints = {1, 4})
        void aBatchAnswered400IsCountedRejectedNotRetriedAndTheRestArrive(int outstanding) throws Exception {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream previous = Diagnostics.redirect(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                TestReceiver receiver = receiver(0, n -> n == 1 ? Reply.status(400) : Reply.ok());
                start(receiver.endpoint(), "batch.maxEvents", "10", "requests.maxOutstanding", "" + outstanding);
                for (int b = 0; b < 5; b++) { // one batch at a time, so that the second request is the second batch
                    send(b * 10, b * 10 + 10);
                    int requests = b + 1;
                    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == requests);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> health().deliveredEvents() == 40);
                List<String> delivered = bodies(receiver.records(200));
                List<String> all = expected(50);
                List<String> withoutSecondBatch = new ArrayList<>(all.subList(0, 10));
                withoutSecondBatch.addAll(all.subList(20, 50));
                assertThat(delivered).containsExactlyElementsOf(withoutSecondBatch);
                assertThat(receiver.received()).hasSize(5);
                OtlpHealth h = health();
                assertThat(h.rejectedBatches()).isEqualTo(1);
                assertThat(h.rejectedEvents()).isEqualTo(10);
                assertThat(h.retries()).isZero();
                assertThat(h.spoolEvents()).isZero();
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused a batch of 10 events: 400 status 400");
            } finally {
                Diagnostics.redirect(previous);
            }
        }

        @Test
        void a400AmongRequestsInFlightRejectsThatBatchOnlyAndSendsNothingTwice() throws Exception {
            TestReceiver receiver = receiver(0, n -> n == 1 ? Reply.status(400) : Reply.ok());
            start(receiver.endpoint(), "batch.maxEvents", "10", "requests.maxOutstanding", "4");
            send(0, 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> health().spoolEvents() == 0);
            List<String> refused = new ArrayList<>();
            receiver.received().stream().filter(r -> r.answeredWith() == 400).forEach(r -> r.request().getResourceLogsList()
                    .forEach(rl -> rl.getScopeLogsList().forEach(sl -> sl.getLogRecordsList()
                            .forEach(lr -> refused.add(lr.getBody().getStringValue())))));
            List<String> delivered = bodies(receiver.records(200));
            List<String> both = new ArrayList<>(delivered);
            both.addAll(refused);
            assertThat(both).containsExactlyInAnyOrderElementsOf(expected(100));
            OtlpHealth h = health();
            assertThat(h.rejectedBatches()).isEqualTo(1);
            assertThat(h.rejectedEvents()).isEqualTo(refused.size()).isPositive();
            assertThat(h.deliveredEvents()).isEqualTo(100 - refused.size());
            assertThat(h.retries()).isZero();
            assertThat(h.resentEvents()).isZero();
        }

        @Test
        void a400BehindAFailedRequestIsSentAgainWithItButCountedOnce() throws Exception {
            java.util.concurrent.atomic.AtomicBoolean firstFailed = new java.util.concurrent.atomic.AtomicBoolean();
            CountDownLatch refusedOnce = new CountDownLatch(1);
            TestReceiver receiver = TestReceiver.startByRequest(0, (n, request) -> {
                List<String> in = bodies(request.getResourceLogs(0).getScopeLogs(0).getLogRecordsList());
                if (in.contains("event 0") && firstFailed.compareAndSet(false, true)) {
                    // the first batch fails once, answered only after the refused batch behind it was answered
                    return Reply.status(503).heldUntil(refusedOnce);
                }
                if (in.contains("event 25")) {
                    refusedOnce.countDown();
                    return Reply.status(400);
                }
                return Reply.ok();
            });
            open.add(receiver);
            start(receiver.endpoint(), "batch.maxEvents", "10", "requests.maxOutstanding", "4");
            send(0, 50);
            await().atMost(Duration.ofSeconds(10)).until(() -> health().spoolEvents() == 0);
            List<String> refused = receiver.received().stream().filter(r -> r.answeredWith() == 400).findFirst()
                    .map(r -> bodies(r.request().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())).orElseThrow();
            OtlpHealth h = health();
            assertThat(h.rejectedBatches()).as("refused once or twice, counted once").isEqualTo(1);
            assertThat(h.rejectedEvents()).isEqualTo(refused.size());
            assertThat(h.deliveredEvents()).isEqualTo(50 - refused.size());
            List<String> rest = new ArrayList<>(expected(50));
            rest.removeAll(refused);
            assertThat(bodies(receiver.records(200)).stream().distinct().collect(Collectors.toList()))
                    .containsExactlyInAnyOrderElementsOf(rest);
            assertThat(receiver.records(200).size() - rest.size()).as("duplicates").isEqualTo(h.resentEvents());
            assertThat(receiver.received().stream().filter(r -> r.answeredWith() == 400).count())
                    .as("the refused batch was behind the failed one, so it was sent again").isEqualTo(2);
            assertThat(h.retries()).isPositive();
        }

        @ParameterizedTest(name = "requests.maxOutstanding = {0}")
        @ValueSource(ints = {1, 4})
        void connectionsClosedMidRequestLoseNothingAndEveryDuplicateIsCounted(int outstanding) throws Exception {
            TestReceiver receiver = receiver(0, n -> n % 3 == 1 ? Reply.closeWithoutAnswer() : Reply.ok());
            start(receiver.endpoint(), "batch.maxEvents", "20", "requests.maxOutstanding", "" + outstanding);
            send(0, 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> health().deliveredEvents() == 200);
            // Every request was read by the receiver before it hung up, so each cut batch arrived twice, and
            // with several in flight so did each batch delivered behind a cut one.
            List<String> arrived = arrived(receiver);
            assertThat(arrived.stream().distinct().collect(Collectors.toList()))
                    .containsExactlyInAnyOrderElementsOf(expected(200));
            assertThat((long) arrived.size() - 200).as("duplicates").isEqualTo(health().resentEvents()).isPositive();
            assertDeliveredInOrderOrOnce(receiver, 200, outstanding);
            assertThat(health().spoolEvents()).isZero();
            assertThat(health().rejectedEvents()).isZero();
        }

        @Test
        void postsTheNextRequestBeforeTheFirstIsAnsweredButCommitsOnlyInOrder() throws Exception {
            CountDownLatch secondArrived = new CountDownLatch(1);
            CountDownLatch firstReleased = new CountDownLatch(1);
            TestReceiver receiver = TestReceiver.startByRequest(0, (n, request) -> {
                boolean firstBatch = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody()
                        .getStringValue().equals("event 0");
                if (!firstBatch) {
                    secondArrived.countDown();
                }
                return firstBatch ? Reply.ok().heldUntil(firstReleased) : Reply.ok();
            });
            open.add(receiver);
            start(receiver.endpoint(), "batch.maxEvents", "10", "requests.maxOutstanding", "2");
            send(0, 20);
            assertThat(secondArrived.await(10, TimeUnit.SECONDS)).as("second request sent while the first waits").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
            assertThat(health().deliveredEvents()).as("nothing committed past the unanswered first batch").isZero();
            assertThat(health().spoolEvents()).isEqualTo(20);
            firstReleased.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> health().deliveredEvents() == 20);
            assertThat(health().spoolEvents()).isZero();
            assertThat(receiver.received()).hasSize(2);
            assertDeliveredInOrderOrOnce(receiver, 20, 2);
        }
    }

    private static Map<String, AnyValue> attributes(List<KeyValue> list) {
        Map<String, AnyValue> out = new LinkedHashMap<>();
        list.forEach(kv -> out.put(kv.getKey(), kv.getValue()));
        return out;
    }

    private static AnyValue string(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static AnyValue integer(long v) {
        return AnyValue.newBuilder().setIntValue(v).build();
    }
}
