package dev.spool.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spool.collector.json.JsonEventReader;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on an ephemeral loopback port that records each POST and answers with a status
 * the test chooses; optionally its handler blocks until the test releases it.
 */
final class HookReceiver implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        Map<String, Object> json() {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return JsonEventReader.readObject(bytes, 0, bytes.length);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(204);
    final CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch release;
    private final HttpServer server;

    HookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            entered.countDown();
            CountDownLatch gate = release;
            if (gate != null) {
                gate.await();
            }
            exchange.sendResponseHeaders(status.get(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        CountDownLatch gate = release;
        if (gate != null) {
            gate.countDown();
        }
        server.stop(0);
    }
}
