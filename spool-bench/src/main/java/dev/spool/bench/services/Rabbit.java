package dev.spool.bench.services;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** The local RabbitMQ (127.0.0.1:5672, guest/guest) as the suites use it: throwaway queues, read back. */
final class Rabbit {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    private Rabbit() {
    }

    /** A queue (and exchange) name no other run uses. */
    static String freshName(String what) {
        return "bench.services." + what + "." + Long.toUnsignedString(new Random().nextLong(), 36);
    }

    static Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        return f.newConnection("spool-bench");
    }

    /** What {@link #drain} took: messages and their bodies' bytes as sent (compressed when they were). */
    record Drained(long messages, long bodyBytes) {
    }

    /**
     * Takes every message from {@code queue} (acknowledged as it goes) and scans each line of each body,
     * gunzipped when its {@code content_encoding} is {@code gzip}.
     */
    static Drained drain(String queue, Arrivals arrivals) throws Exception {
        long messages = 0;
        long bytes = 0;
        try (Connection c = connect(); Channel ch = c.createChannel()) {
            for (GetResponse r = ch.basicGet(queue, true); r != null; r = ch.basicGet(queue, true)) {
                messages++;
                byte[] body = r.getBody();
                bytes += body.length;
                if ("gzip".equals(r.getProps().getContentEncoding())) {
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
                for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        arrivals.scan(line);
                    }
                }
            }
        }
        return new Drained(messages, bytes);
    }

    /** Deletes the queue, its dead-letter queue and the exchange the {@code amqp} destination declared. */
    static void delete(String name) throws Exception {
        try (Connection c = connect(); Channel ch = c.createChannel()) {
            ch.queueDelete(name);
            ch.queueDelete(name + ".dead");
            ch.exchangeDelete(name);
            ch.exchangeDelete(name + ".dlx");
        }
    }
}
