package dev.spool.cli.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.spool.cli.store.JsonLine;
import dev.spool.spi.support.Diagnostics;
import dev.spool.store.StoreException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every request goes through here: the checks that apply to all of them (method, query length, the
 * {@code Host} of a loopback server), the security headers, then the API or the page's files, and the
 * mapping of failures to statuses (docs/web.md "Errors").
 */
final class Router implements HttpHandler {

    /** Longest query string accepted. */
    static final int MAX_QUERY_CHARS = 8_192;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Api api;
    private final Assets assets = new Assets();
    private final Set<String> allowedHosts;

    /** @param allowedHosts lower-case host names a request may address, or null to accept any */
    Router(Api api, Set<String> allowedHosts) {
        this.api = api;
        this.allowedHosts = allowedHosts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers h = exchange.getResponseHeaders();
            h.set("Content-Security-Policy", CSP);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Frame-Options", "DENY");
            String path = exchange.getRequestURI().getRawPath();
            boolean apiPath = path.startsWith("/api/");
            try {
                route(exchange, path, apiPath);
            } catch (HttpError e) {
                error(exchange, apiPath, e.status, e.getMessage());
            } catch (StoreException e) {
                if (path.equals("/api/health")) {
                    send(exchange, 503, "application/json; charset=utf-8", Api.unavailable(e.getMessage()));
                } else {
                    error(exchange, true, 503, "the store cannot be read: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                Diagnostics.warn("web.error", "spool serve: " + exchange.getRequestMethod() + " " + path + " failed", e);
                error(exchange, apiPath, 500, "internal error (" + e.getClass().getSimpleName() + "); see the server's output");
            }
        }
    }

    private void route(HttpExchange exchange, String path, boolean apiPath) throws IOException {
        String method = exchange.getRequestMethod();
        if (allowedHosts != null && !hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
            throw new HttpError(421, "this server answers only requests addressed to " + String.join(", ", allowedHosts.stream().sorted().toList())
                    + " (the Host header says " + exchange.getRequestHeaders().getFirst("Host") + ")");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new HttpError(405, "method " + method + " not allowed: the web view is read-only (GET, HEAD)");
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.length() > MAX_QUERY_CHARS) {
            throw new HttpError(414, "query string of " + query.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        if (apiPath) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            send(exchange, 200, "application/json; charset=utf-8", api.answer(path, query));
            return;
        }
        Optional<Assets.Asset> asset = assets.get(path);
        if (asset.isEmpty()) {
            throw new HttpError(404, "not found: " + path);
        }
        Assets.Asset a = asset.get();
        Headers h = exchange.getResponseHeaders();
        h.set("ETag", a.etag());
        h.set("Cache-Control", "no-cache");
        if (a.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, 200, a.type(), a.bytes());
    }

    private boolean hostAllowed(String host) {
        if (host == null) {
            return true; // HTTP/1.0 without Host: not a browser, so not a rebinding attack
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            name = close < 0 ? name : name.substring(0, close + 1);
        } else {
            int colon = name.indexOf(':');
            name = colon < 0 ? name : name.substring(0, colon);
        }
        return allowedHosts.contains(name);
    }

    private static void error(HttpExchange exchange, boolean json, int status, String message) throws IOException {
        if (json) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            send(exchange, status, "application/json; charset=utf-8", new JsonLine().string("error", message).toString());
        } else {
            send(exchange, status, "text/plain; charset=utf-8", message + "\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
