package dev.spool.collector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spool.collector.otlp.OtlpLogsDecoder;
import dev.spool.spi.Ingress;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;
import dev.spool.spi.support.JsonEscaper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The collector's OTLP/HTTP door ({@code otlp+http://HOST:PORT}): {@code POST /v1/logs} with a protobuf or
 * JSON {@code ExportLogsServiceRequest}, gzip or not, answered 200 only once its events are written and
 * flushed, the promise of the NDJSON protocol's acknowledgement. Bad input gets its status with a reason
 * (a {@code google.rpc.Status} in the request's encoding): 400 malformed, 413 over the size limit (by the
 * declared length before anything is read, by the bytes read or inflated otherwise), 415 another
 * encoding or content type, 404 any other path (traces, metrics), 405 another method; 503 with
 * {@code Retry-After} when more requests are waiting than the limit or the pipeline does not flush in time.
 * Records carrying Spool's {@code log.record.uid} are de-duplicated in a window of their own.
 */
final class OtlpHttpListener {

    static final String PATH = "/v1/logs";
    private static final int BACKLOG = 1_024;
    private static final int THREADS = 4;
    private static final String RETRY_AFTER_SECONDS = "1";
    /**
     * Largest body buffer a handler thread keeps for its next request. A 2000-event request is 0.4-0.6 MB:
     * a fresh array that size per request is a humongous allocation under G1 with 1 MB regions. Larger
     * bodies get an array of their own, dropped after the request.
     */
    static final int KEPT_BODY_BYTES = 4 << 20;

    static {
        // The JDK server has no request deadline by default, so a client trickling its body would hold a
        // handler thread for ever. Its timer reads these once, so they are set before the first server.
        setIfAbsent("sun.net.httpserver.maxReqTime", "30");
        setIfAbsent("sun.net.httpserver.maxRspTime", "30");
        // Without TCP_NODELAY a request's body segment waits for the delayed ACK of its headers (~40 ms
        // per request on Linux): 18k against 37k events/s in the OTLP benchmark (now spool-bench's OtlpSuite).
        setIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Ingress pipeline;
    private final DedupWindow dedup;
    private final int maxRequestBytes;
    private final int maxWaitingRequests;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong eventsWritten = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, AtomicLong> refused = new LinkedHashMap<>();
    /** Each handler thread's body buffer, reused request after request (at most {@link #KEPT_BODY_BYTES}). */
    private final ThreadLocal<byte[]> bodyBuffers = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private OtlpHttpListener(HttpServer server, CollectorConfig config, Ingress pipeline, DedupWindow dedup) {
        this.server = server;
        this.pipeline = pipeline;
        this.dedup = dedup;
        this.maxRequestBytes = config.maxRequestBytes();
        this.maxWaitingRequests = config.maxOtlpRequests();
        for (String reason : List.of("bad_request", "too_large", "unsupported", "not_found", "method", "overloaded",
                "not_flushed")) {
            refused.put(reason, new AtomicLong());
        }
        this.handlers = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named("spool-otlp-receiver"));
    }

    /** Binds {@code address} and starts serving; the de-duplication window is shared by the listeners given it. */
    static OtlpHttpListener start(InetSocketAddress address, CollectorConfig config, Ingress pipeline,
                                  DedupWindow dedup) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address.getHostString(), address.getPort()), BACKLOG);
        } catch (IOException e) {
            throw new IOException("cannot listen on otlp+http://" + address.getHostString() + ":" + address.getPort()
                    + ": " + e.getMessage(), e);
        }
        OtlpHttpListener listener = new OtlpHttpListener(server, config, pipeline, dedup);
        server.createContext("/", listener::handle);
        // Counted when queued, so a handler sees how many wait behind it and a burst is refused fast.
        server.setExecutor(task -> {
            listener.waiting.incrementAndGet();
            listener.handlers.execute(task);
        });
        server.start();
        return listener;
    }

    /** The address bound (the chosen port when 0 was asked for). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Stops accepting and closes every connection (a request cut off is not answered: its sender resends),
     * then stops the handler threads.
     */
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    OtlpStats stats() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        refused.forEach((k, v) -> byReason.put(k, v.get()));
        return new OtlpStats(requests.get(), accepted.get(), eventsIn.get(), eventsWritten.get(), duplicates.get(),
                byReason);
    }

    private void handle(HttpExchange x) {
        requests.incrementAndGet();
        boolean json = isJson(x.getRequestHeaders().getFirst("Content-Type"));
        try (x) {
            Answer answer;
            try {
                answer = answer(x, json);
            } finally {
                // before the answer goes out, so that the client's next request is not counted with this one
                waiting.decrementAndGet();
            }
            respond(x, answer, json);
        } catch (IOException | RuntimeException e) {
            // The client went away mid-request, or wrote something the server could not parse: nothing to answer.
            Diagnostics.warn("collector.otlp.request", "collector: an OTLP request failed", e);
        }
    }

    private Answer answer(HttpExchange x, boolean json) throws IOException {
        String path = x.getRequestURI().getPath();
        if (!PATH.equals(path)) {
            return refuse(404, "not_found", "this receiver takes logs only, at " + PATH + "; not " + path);
        }
        if (!"POST".equals(x.getRequestMethod())) {
            x.getResponseHeaders().set("Allow", "POST");
            return refuse(405, "method", "use POST");
        }
        if (waiting.get() > maxWaitingRequests) {
            x.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
            return refuse(503, "overloaded", "more than " + maxWaitingRequests + " requests at once; retry later");
        }
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (!json && !isProtobuf(type)) {
            return refuse(415, "unsupported", "Content-Type " + type
                    + " not accepted: application/x-protobuf or application/json");
        }
        String encoding = x.getRequestHeaders().getFirst("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            return refuse(415, "unsupported", "Content-Encoding " + encoding + " not accepted: gzip or none");
        }
        Body body = BodyReader.read(x.getRequestHeaders().getFirst("Content-Length"), x.getRequestBody(),
                maxRequestBytes, true, bodyBuffers.get());
        if (body.refusal != null) {
            return refuse(body.status, body.status == 413 ? "too_large" : "bad_request", body.refusal);
        }
        if (body.bytes.length <= KEPT_BODY_BYTES) {
            bodyBuffers.set(body.bytes); // grown for this request: kept for the next (the decoder copies out)
        }
        byte[] bytes = body.bytes;
        int length = body.length;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, 0, length))) {
                Body inflated = BodyReader.read(null, in, maxRequestBytes, false, new byte[64 * 1024]);
                if (inflated.refusal != null) {
                    return refuse(413, "too_large", "inflated " + inflated.refusal);
                }
                bytes = inflated.bytes;
                length = inflated.length;
            } catch (ZipException | java.io.EOFException e) {
                return refuse(400, "bad_request", "bad gzip body: " + e.getMessage());
            }
        }
        List<? extends LogEvent> events;
        try {
            events = OtlpLogsDecoder.decode(bytes, 0, length, json);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return refuse(400, "bad_request", e.getMessage());
        }
        return ingest(events, x);
    }

    private Answer ingest(List<? extends LogEvent> events, HttpExchange x) {
        eventsIn.addAndGet(events.size());
        synchronized (dedup) {
            for (LogEvent e : events) {
                if (OtlpLogsDecoder.hasSenderId(e) && !dedup.add(e.idHigh(), e.idLow())) {
                    duplicates.incrementAndGet();
                } else if (pipeline.ingest(e)) {
                    eventsWritten.incrementAndGet();
                }
            }
        }
        if (!Intake.durableWithinTimeout(pipeline)) {
            x.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
            return refuse(503, "not_flushed", "the events were not written and flushed in time; send them again");
        }
        accepted.incrementAndGet();
        return new Answer(200, null);
    }

    private Answer refuse(int status, String reason, String message) {
        refused.get(reason).incrementAndGet();
        return new Answer(status, message);
    }

    /** 200: an empty ExportLogsServiceResponse; otherwise a google.rpc.Status with the reason. */
    private static void respond(HttpExchange x, Answer a, boolean json) throws IOException {
        byte[] body;
        if (a.message == null) {
            body = json ? "{}".getBytes(StandardCharsets.US_ASCII) : new byte[0];
        } else {
            int code = RpcStatus.codeOf(a.status);
            body = json ? ("{\"code\":" + code + ",\"message\":" + JsonEscaper.quote(a.message) + "}")
                    .getBytes(StandardCharsets.UTF_8) : RpcStatus.encode(code, a.message);
        }
        x.getResponseHeaders().set("Content-Type", json ? "application/json" : "application/x-protobuf");
        x.sendResponseHeaders(a.status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static boolean isJson(String contentType) {
        return contentType != null && mediaType(contentType).equals("application/json");
    }

    private static boolean isProtobuf(String contentType) {
        return contentType != null && mediaType(contentType).equals("application/x-protobuf");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static final class Answer {
        final int status;
        final String message;

        Answer(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    /** A request body read under a limit: the bytes, or the status and reason of a refusal. */
    static final class Body {
        byte[] bytes;
        int length;
        int status;
        String refusal;
    }

    /**
     * Reads a body under {@code maxBytes}: by its declared length when there is one, before reading
     * anything. A refused body of up to {@link #DRAIN_BYTES} is read to its end and dropped before the
     * answer, so that the client, still sending, gets the 413 instead of a connection reset (closing a
     * socket with unread bytes resets it); a larger one is answered at once and its connection closed.
     */
    static final class BodyReader {

        static final long DRAIN_BYTES = 64L << 20;

        private BodyReader() {
        }

        private static void drain(InputStream in, long upTo) throws IOException {
            byte[] scratch = new byte[8192];
            long left = upTo;
            int r;
            while (left > 0 && (r = in.read(scratch, 0, (int) Math.min(scratch.length, left))) > 0) {
                left -= r;
            }
        }

        /**
         * Reads the body into {@code buffer} when it fits, else into a new array of at most {@code maxBytes}
         * ({@link Body#bytes}: {@code buffer} or that array; only its first {@link Body#length} bytes are the
         * body, whatever the array held before).
         *
         * @param drainRefused whether to read a refused body to its end (the socket's, not an inflater's)
         */
        static Body read(String declaredLength, InputStream in, int maxBytes, boolean drainRefused, byte[] buffer)
                throws IOException {
            Body b = new Body();
            long declared = -1;
            if (declaredLength != null) {
                try {
                    declared = Long.parseLong(declaredLength.trim());
                } catch (NumberFormatException e) {
                    b.status = 400;
                    b.refusal = "bad Content-Length " + declaredLength;
                    return b;
                }
                if (declared > maxBytes) {
                    if (drainRefused && declared <= DRAIN_BYTES) {
                        drain(in, declared);
                    }
                    b.status = 413;
                    b.refusal = "body of " + declared + " bytes is over the limit of " + maxBytes;
                    return b;
                }
            }
            if (declared >= 0 && declared > buffer.length) {
                buffer = new byte[(int) declared];
            } else if (declared < 0 && buffer.length > maxBytes) {
                buffer = new byte[Math.min(maxBytes, 64 * 1024)];
            }
            // a declared length is read exactly; otherwise up to the limit, growing the array as needed
            int limit = declared >= 0 ? (int) declared : buffer.length;
            int n = 0;
            while (true) {
                if (n == limit) {
                    if (declared >= 0 || n >= maxBytes) {
                        if (declared < 0 && in.read() >= 0) {
                            if (drainRefused) {
                                drain(in, DRAIN_BYTES);
                            }
                            b.status = 413;
                            b.refusal = "body over the limit of " + maxBytes + " bytes";
                            return b;
                        }
                        break;
                    }
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(maxBytes, buffer.length * 2L));
                    limit = buffer.length;
                }
                int r = in.read(buffer, n, limit - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (declared >= 0 && n < declared) {
                throw new java.io.EOFException("body ended after " + n + " of " + declared + " bytes");
            }
            b.bytes = buffer;
            b.length = n;
            return b;
        }
    }
}
