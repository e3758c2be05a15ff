package dev.spool.cli.web;

import dev.spool.collector.json.JsonEventReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP/1.1 over a socket, so that a test can send what a well-behaved client library refuses to
 * (a bad percent escape, a foreign {@code Host}, an odd method) and see exactly what comes back.
 */
final class Http {

    /** One response: status, headers (names lower case) and body. */
    record Response(int status, Map<String, String> headers, String body) {
        /**
         * The body read by Spool's strict JSON reader (a malformed answer fails its test), every number as a
         * Double: the API writes 4.0 as 4, and a test should not care which.
         */
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return (Map<String, Object>) doubles(JsonEventReader.readObject(bytes, 0, bytes.length));
        }

        /** The body with the JSON types kept: integers as Long, other numbers as Double. */
        Map<String, Object> typedJson() {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return JsonEventReader.readObject(bytes, 0, bytes.length);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Http() {
    }

    private static Object doubles(Object json) {
        if (json instanceof Number n) {
            return n.doubleValue();
        }
        if (json instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, doubles(v)));
            return out;
        }
        if (json instanceof List<?> l) {
            return l.stream().map(Http::doubles).toList();
        }
        return json;
    }

    static Response get(URI server, String target) throws IOException {
        return send(server, "GET", target, "127.0.0.1:" + server.getPort());
    }

    /** Sends {@code method target} with {@code host} as the Host header (null: none) and reads the whole answer. */
    static Response send(URI server, String method, String target, String host) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
            s.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (host != null) {
                request.append("Host: ").append(host).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(s.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        String head = null;
        int bodyStart = 0;
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                head = new String(bytes, 0, i, StandardCharsets.ISO_8859_1);
                bodyStart = i + 4;
                break;
            }
        }
        if (head == null) {
            throw new IOException("no complete response head in " + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length != null && Integer.parseInt(length) != bytes.length - bodyStart) {
            throw new IOException("Content-Length " + length + " but " + (bytes.length - bodyStart) + " bytes of body");
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException("unexpected Transfer-Encoding " + headers.get("transfer-encoding"));
        }
        return new Response(status, headers, new String(bytes, bodyStart, bytes.length - bodyStart, StandardCharsets.UTF_8));
    }
}
