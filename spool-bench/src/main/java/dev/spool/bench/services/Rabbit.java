package dev.spool.bench.services;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import java.nio.charset.StandardCharsets;
import java.util.Random;

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

    /** Takes every message from {@code queue} (acknowledged as it goes) and scans each line of each body. */
    static long drain(String queue, Arrivals arrivals) throws Exception {
        long messages = 0;
        try (Connection c = connect(); Channel ch = c.createChannel()) {
            for (GetResponse r = ch.basicGet(queue, true); r != null; r = ch.basicGet(queue, true)) {
                messages++;
                if ("gzip".equals(r.getProps().getContentEncoding())) {
                    throw new IllegalStateException("the suites publish uncompressed bodies");
                }
                for (String line : new String(r.getBody(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        arrivals.scan(line);
                    }
                }
            }
        }
        return messages;
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
