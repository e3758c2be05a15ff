package dev.spool.collector;

import com.google.protobuf.ByteString;
import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector's OTLP/HTTP listener on a real port, fed by the official OpenTelemetry SDK and by hostile clients. */
class OtlpReceiverIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    private final CapturingSink sink = new CapturingSink();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Collector collector;
    private URI logs;

    @BeforeEach
    void start() throws IOException {
        SpoolConfig pipeline = SpoolConfig.builder().name("otlp-in").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory()).route("root", "", Level.TRACE, "capture").build();
        collector = Collector.start(CollectorConfig.builder(pipeline).listen("otlp+http://127.0.0.1:0")
                .maxRequestBytes(1 << 20).maxOtlpRequests(1).build());
        logs = URI.create(collector.otlpAddresses().get(0).replace("otlp+http://", "http://") + "/v1/logs");
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Nested
    class FromTheOpenTelemetrySdk {

        @Test
        void storesEveryRecordOnceWithItsAttributesAndTrace() {
            int n = 1_000;
            sendWithSdk(n, "none");
            List<Captured> events = sink.events();
            assertThat(events).hasSize(n);
            Set<String> bodies = new HashSet<>();
            for (Captured e : events) {
                bodies.add(e.message());
                long i = Long.parseLong(e.message().substring("order ".length()));
                assertThat(e.level()).isEqualTo(Level.WARN);
                assertThat(e.logger()).isEqualTo("com.example.Orders");
                assertThat(e.fields()).containsEntry("order.id", i).containsEntry("order.total", i * 1.5)
                        .containsEntry("order.paid", i % 2 == 0).containsEntry("customer", "c-" + i);
                assertThat(e.context()).containsEntry("trace_id", TRACE_ID).containsEntry("span_id", SPAN_ID)
                        .containsEntry("trace_flags", "01");
            }
            assertThat(bodies).hasSize(n);
            assertThat(collector.otlpStats().eventsWritten()).isEqualTo(n);
        }

        @Test
        void takesGzippedRequests() {
            sendWithSdk(100, "gzip");
            assertThat(sink.events()).hasSize(100);
        }

        private void sendWithSdk(int n, String compression) {
            OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(logs.toString())
                    .setCompression(compression).build();
            SdkLoggerProvider provider = SdkLoggerProvider.builder()
                    .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "sdk-app")))
                    .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).setMaxQueueSize(n * 2).build())
                    .build();
            Context traced = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                    TraceState.getDefault())));
            io.opentelemetry.api.logs.Logger logger = provider.get("com.example.Orders");
            for (int i = 0; i < n; i++) {
                logger.logRecordBuilder().setSeverity(Severity.WARN).setBody("order " + i).setContext(traced)
                        .setAttribute(AttributeKey.longKey("order.id"), (long) i)
                        .setAttribute(AttributeKey.doubleKey("order.total"), i * 1.5)
                        .setAttribute(AttributeKey.booleanKey("order.paid"), i % 2 == 0)
                        .setAttribute(AttributeKey.stringKey("customer"), "c-" + i).emit();
            }
            CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
            assertThat(flushed.isSuccess()).as("the SDK's export succeeded").isTrue();
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Nested
    class Requests {

        @Test
        void takesJsonWithHexTraceIds() throws Exception {
            String json = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                    + "{\"stringValue\":\"py\"}}]},\"scopeLogs\":[{\"scope\":{\"name\":\"app.db\"},\"logRecords\":[{"
                    + "\"timeUnixNano\":\"1700000000123456789\",\"severityNumber\":17,\"body\":{\"stringValue\":\"down\"},"
                    + "\"attributes\":[{\"key\":\"retries\",\"value\":{\"intValue\":\"3\"}}],\"traceId\":\"" + TRACE_ID
                    + "\",\"spanId\":\"" + SPAN_ID + "\"}]}]}]}";
            HttpResponse<String> r = post(json.getBytes(StandardCharsets.UTF_8), "application/json", null);
            assertThat(r.statusCode()).isEqualTo(200);
            Captured e = sink.events().get(0);
            assertThat(e.level()).isEqualTo(Level.ERROR);
            assertThat(e.logger()).isEqualTo("app.db");
            assertThat(e.timestampMicros()).isEqualTo(1_700_000_000_123_456L);
            assertThat(e.fields()).containsEntry("retries", 3L);
            assertThat(e.context()).containsEntry("trace_id", TRACE_ID).containsEntry("span_id", SPAN_ID);
        }

        @Test
        void deDuplicatesAResendByLogRecordUid() throws Exception {
            byte[] body = request(record("once").addAttributes(kv("log.record.uid",
                    AnyValue.newBuilder().setStringValue("01JD8Z5X0000000000000000AB").build()))).toByteArray();
            assertThat(post(body, "application/x-protobuf", null).statusCode()).isEqualTo(200);
            assertThat(post(body, "application/x-protobuf", null).statusCode()).isEqualTo(200);
            assertThat(sink.events()).extracting(Captured::id).containsExactly("01JD8Z5X0000000000000000AB");
            assertThat(collector.otlpStats().duplicates()).isEqualTo(1);
        }

        @Test
        void answersOtherSignalsPathsAndTypesWithoutACrash() throws Exception {
            byte[] body = request(record("x")).toByteArray();
            assertThat(post(URI.create(logs.toString().replace("/v1/logs", "/v1/traces")), body, "application/x-protobuf",
                    null).statusCode()).isEqualTo(404);
            assertThat(post(URI.create(logs.toString().replace("/v1/logs", "/v1/metrics")), body, "application/x-protobuf",
                    null).statusCode()).isEqualTo(404);
            assertThat(post(body, "text/plain", null).statusCode()).isEqualTo(415);
            assertThat(post(body, "application/x-protobuf", "br").statusCode()).isEqualTo(415);
            assertThat(http.send(HttpRequest.newBuilder(logs).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
            assertStillServing();
        }
    }

    @Nested
    class BodyBuffers {

        @Test
        void requestsOfFallingSizesAreEachReadAloneThoughHandlersReuseTheirBuffers() throws Exception {
            List<String> expected = new java.util.ArrayList<>();
            for (int round = 0; round < 8; round++) { // more rounds than handler threads
                for (int records : new int[] {3000, 300, 1}) {
                    LogRecord.Builder[] batch = new LogRecord.Builder[records];
                    for (int i = 0; i < records; i++) {
                        String message = "r" + round + "-" + records + "-" + i;
                        batch[i] = record(message);
                        expected.add(message);
                    }
                    assertThat(post(request(batch).toByteArray(), "application/x-protobuf", null).statusCode())
                            .isEqualTo(200);
                }
            }
            assertThat(sink.events()).extracting(Captured::message).containsExactlyElementsOf(expected);
        }
    }

    @Nested
    class ConcurrentResends {

        @Test
        void clientsResendingTheSameRequestsAtOnceGetEveryRecordWrittenOnce() throws Exception {
            collector.close();
            SpoolConfig pipeline = SpoolConfig.builder().name("otlp-in").shutdownHook(false).jmx(false)
                    .destination("capture", sink.factory()).route("root", "", Level.TRACE, "capture").build();
            collector = Collector.start(CollectorConfig.builder(pipeline).listen("otlp+http://127.0.0.1:0")
                    .maxRequestBytes(1 << 20).maxOtlpRequests(64).build());
            logs = URI.create(collector.otlpAddresses().get(0).replace("otlp+http://", "http://") + "/v1/logs");
            int requests = 40;
            int perRequest = 50;
            int clients = 4;
            List<byte[]> bodies = new java.util.ArrayList<>();
            for (int r = 0; r < requests; r++) {
                LogRecord.Builder[] batch = new LogRecord.Builder[perRequest];
                for (int i = 0; i < perRequest; i++) {
                    String uid = dev.spool.EventId.toString(1_700_000_000_000L << 16 | 7, r * 1000L + i);
                    batch[i] = record(r + "-" + i).addAttributes(kv("log.record.uid",
                            AnyValue.newBuilder().setStringValue(uid).build()));
                }
                bodies.add(request(batch).toByteArray());
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
            try {
                List<java.util.concurrent.Future<List<Integer>>> answers = new java.util.ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    List<byte[]> order = new java.util.ArrayList<>(bodies);
                    java.util.Collections.shuffle(order, new java.util.Random(c));
                    answers.add(pool.submit(() -> {
                        List<Integer> statuses = new java.util.ArrayList<>();
                        for (byte[] body : order) {
                            statuses.add(post(body, "application/x-protobuf", null).statusCode());
                        }
                        return statuses;
                    }));
                }
                for (java.util.concurrent.Future<List<Integer>> a : answers) {
                    assertThat(a.get(60, TimeUnit.SECONDS)).hasSize(requests).containsOnly(200);
                }
            } finally {
                pool.shutdownNow();
            }
            List<Captured> written = sink.events();
            assertThat(written).hasSize(requests * perRequest);
            assertThat(written).extracting(Captured::id).doesNotHaveDuplicates();
            assertThat(collector.otlpStats().duplicates()).isEqualTo((long) (clients - 1) * requests * perRequest);
            // each request's records stay together and in order: its de-duplication and hand-off are one step
            for (int at = 0; at < written.size(); at += perRequest) {
                String request = written.get(at).message().substring(0, written.get(at).message().indexOf('-'));
                for (int i = 0; i < perRequest; i++) {
                    assertThat(written.get(at + i).message()).isEqualTo(request + "-" + i);
                }
            }
        }
    }

    @Nested
    class Overload {

        @Test
        void moreRequestsThanTheLimitAre503WithRetryAfterAndTheFirstIsStillAnswered() throws Exception {
            sink.hold();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                    HttpRequest.newBuilder(logs).header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request(record("first")).toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            sink.awaitFirstWrite(); // the first request waits in the pipeline's flush, holding its place
            HttpResponse<String> second = post(request(record("second")).toByteArray(), "application/x-protobuf", null);
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(first).as("no answer while its event is not written").isNotDone();
            sink.open();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(sink.events()).extracting(Captured::message).containsExactly("first");
            assertThat(collector.otlpStats().refused().get("overloaded")).isEqualTo(1);
        }
    }

    @Nested
    class HostileInput {

        @Test
        void truncatedProtobufIs400() throws Exception {
            byte[] whole = request(record("a"), record("b")).toByteArray();
            byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 7);
            HttpResponse<String> r = post(cut, "application/x-protobuf", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("truncated");
            assertThat(sink.events()).isEmpty();
            assertStillServing();
        }

        @Test
        void aLengthFieldClaimingTwoGigabytesIs400() throws Exception {
            // resource_logs (field 1, length-delimited) claiming 2^31 - 1 bytes, followed by a few.
            byte[] body = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 2, 3};
            HttpResponse<String> r = post(body, "application/x-protobuf", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("claims 2147483647 bytes");
            assertStillServing();
        }

        @Test
        void aContentLengthOfTwoGigabytesIs413BeforeAnythingIsRead() throws Exception {
            try (Socket s = new Socket(logs.getHost(), logs.getPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
                        + "Content-Length: 2147483648\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = new String(readSome(s.getInputStream()), StandardCharsets.US_ASCII);
                assertThat(status).startsWith("HTTP/1.1 413");
            }
            assertStillServing();
        }

        @Test
        void deeplyNestedAnyValueIs400InProtobufAndJson() throws Exception {
            AnyValue nested = AnyValue.newBuilder().setStringValue("bottom").build();
            for (int i = 0; i < 200; i++) {
                nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(kv("k", nested))).build();
            }
            HttpResponse<String> r = post(request(record("deep").addAttributes(kv("deep", nested))).toByteArray(),
                    "application/x-protobuf", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("nested deeper than");
            String deepJson = "{\"arrayValue\":{\"values\":[".repeat(100) + "{\"stringValue\":\"x\"}" + "]}}".repeat(100);
            String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"attributes\":[{\"key\":\"d\",\"value\":"
                    + deepJson + "}]}]}]}]}";
            assertThat(post(json.getBytes(StandardCharsets.UTF_8), "application/json", null).statusCode()).isEqualTo(400);
            assertStillServing();
        }

        @Test
        void tenMegabytesOfAttributesAre413PlainOrGzipped() throws Exception {
            String big = "x".repeat(10 << 20);
            byte[] body = request(record("big").addAttributes(kv("big", AnyValue.newBuilder().setStringValue(big).build())))
                    .toByteArray();
            assertThat(post(body, "application/x-protobuf", null).statusCode()).isEqualTo(413);
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(body);
            }
            assertThat(zipped.size()).isLessThan(1 << 20); // small on the wire, a bomb once inflated
            HttpResponse<String> r = post(zipped.toByteArray(), "application/x-protobuf", "gzip");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("inflated");
            assertThat(collector.otlpStats().refused().get("too_large")).isEqualTo(2);
            assertStillServing();
        }

        @Test
        void invalidUtf8Is400() throws Exception {
            // LogRecord { body: AnyValue { string_value: C3 28 } } inside ScopeLogs inside ResourceLogs.
            byte[] any = message(1, new byte[] {(byte) 0xC3, 0x28});
            byte[] record = message(5, any);
            byte[] body = message(1, message(2, message(2, record)));
            HttpResponse<String> r = post(body, "application/x-protobuf", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("invalid UTF-8");
            byte[] json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"\u00ff\"}}]}]}]}"
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(post(json, "application/json", null).statusCode()).isEqualTo(400);
            assertStillServing();
        }

        @Test
        void aBadGzipStreamIs400() throws Exception {
            assertThat(post(new byte[] {1, 2, 3, 4}, "application/x-protobuf", "gzip").statusCode()).isEqualTo(400);
            assertStillServing();
        }
    }

    private void assertStillServing() throws Exception {
        int before = sink.events().size();
        HttpResponse<String> r = post(request(record("still here")).toByteArray(), "application/x-protobuf", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sink.events()).hasSize(before + 1);
        assertThat(sink.events().get(before).message()).isEqualTo("still here");
    }

    private HttpResponse<String> post(byte[] body, String type, String encoding) throws Exception {
        return post(logs, body, type, encoding);
    }

    private HttpResponse<String> post(URI uri, byte[] body, String type, String encoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static LogRecord.Builder record(String body) {
        return LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L).setSeverityNumberValue(9)
                .setBody(AnyValue.newBuilder().setStringValue(body));
    }

    private static ExportLogsServiceRequest request(LogRecord.Builder... records) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (LogRecord.Builder r : records) {
            scope.addLogRecords(r);
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    /** A length-delimited field {@code field} holding {@code content}, by hand (for bytes the builders refuse). */
    private static byte[] message(int field, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(field << 3 | 2);
        int n = content.length;
        while (n >= 0x80) {
            out.write(n & 0x7F | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(content);
        return ByteString.copyFrom(out.toByteArray()).toByteArray();
    }

    private static byte[] readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        int n = in.read(buffer);
        return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }
}
