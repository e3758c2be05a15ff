package dev.spool.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP endpoint for the tests, on the JDK's HTTP server: decodes every protobuf request with the
 * official opentelemetry-proto classes and answers as its script says for the n-th request (counting
 * from 0): a status with headers and body, or a connection closed without an answer.
 */
final class TestReceiver implements AutoCloseable {

    /**
     * One answer; {@code status} 0 closes the connection after reading the request, without answering.
     * With {@code holdUntil}, the answer waits (at most 10 s) until that latch is released.
     */
    record Reply(int status, Map<String, String> headers, byte[] body, CountDownLatch holdUntil) {
        Reply(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, null);
        }

        static Reply ok() {
            return new Reply(200, Map.of(), new byte[0]);
        }

        static Reply status(int status, String... headerPairs) {
            Map<String, String> h = new java.util.LinkedHashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                h.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Reply(status, h, ("status " + status).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Reply closeWithoutAnswer() {
            return new Reply(0, Map.of(), new byte[0]);
        }

        /** This answer, given only once {@code latch} is released. */
        Reply heldUntil(CountDownLatch latch) {
            return new Reply(status, headers, body, latch);
        }
    }

    /** What arrived: headers, raw (inflated) body, the decoded request for protobuf, the answer given, when. */
    record Received(Map<String, List<String>> headers, byte[] body, ExportLogsServiceRequest request, int answeredWith,
                    long atNanos) {
    }

    private final HttpServer server;
    private final BiFunction<Integer, ExportLogsServiceRequest, Reply> script;
    private final List<Received> received = new ArrayList<>();

    private TestReceiver(HttpServer server, BiFunction<Integer, ExportLogsServiceRequest, Reply> script) {
        this.server = server;
        this.script = script;
    }

    static TestReceiver start(int port, IntFunction<Reply> script) throws IOException {
        return startByRequest(port, (n, request) -> script.apply(n));
    }

    /** As {@link #start}, with a script that also sees the decoded request (null for JSON). */
    static TestReceiver startByRequest(int port, BiFunction<Integer, ExportLogsServiceRequest, Reply> script)
            throws IOException {
        return serve(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64), script);
    }

    /** An https endpoint on {@code localhost}'s first address, with {@code tls}'s certificate. */
    static TestReceiver startTls(javax.net.ssl.SSLContext tls, IntFunction<Reply> script) throws IOException {
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(java.net.InetAddress.getByName("localhost"), 0), 64);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        return serve(server, (n, request) -> script.apply(n));
    }

    private static TestReceiver serve(HttpServer server, BiFunction<Integer, ExportLogsServiceRequest, Reply> script) {
        TestReceiver receiver = new TestReceiver(server, script);
        server.createContext("/v1/logs", receiver::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "test-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return receiver;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        if ("gzip".equals(x.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        ExportLogsServiceRequest request = "application/x-protobuf".equals(x.getRequestHeaders().getFirst("Content-Type"))
                ? ExportLogsServiceRequest.parseFrom(body) : null;
        Reply reply;
        synchronized (received) {
            reply = script.apply(received.size(), request);
            received.add(new Received(Map.copyOf(x.getRequestHeaders()), body, request, reply.status(), System.nanoTime()));
            received.notifyAll();
        }
        if (reply.holdUntil() != null) {
            try {
                reply.holdUntil().await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.status() == 0) {
            throw new IOException("closing the connection without an answer, as the script says");
        }
        reply.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            x.getResponseBody().write(reply.body());
        }
        x.close();
    }

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** The log records of the requests answered with {@code status}, in arrival order. */
    List<io.opentelemetry.proto.logs.v1.LogRecord> records(int status) {
        List<io.opentelemetry.proto.logs.v1.LogRecord> out = new ArrayList<>();
        for (Received r : received()) {
            if (r.answeredWith() == status) {
                r.request().getResourceLogsList().forEach(rl -> rl.getScopeLogsList()
                        .forEach(sl -> out.addAll(sl.getLogRecordsList())));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
