package dev.spool.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.spool.testkit.HostCommand;
import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.amqp.ScratchTopology;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test's own exchange and queue (a {@link ScratchTopology}) on the real broker, declared as the consumer
 * declares them, with raw publishing, reading of the dead-letter queue, and cutting the consumer's connections
 * (by their names, so other tests' connections on the shared broker are left alone).
 */
final class TestQueue implements AutoCloseable {

    final String exchange;
    final String queue;
    private final ScratchTopology topology;
    private final Connection connection;
    private final Channel channel;

    TestQueue() throws Exception {
        this.topology = ScratchTopology.create("consumer");
        this.exchange = topology.exchange();
        this.queue = topology.queue();
        this.connection = Broker.factory().newConnection("test publisher " + queue);
        this.channel = connection.createChannel();
        Topology.declare(connection, channel, settings("sqlite:unused").build());
        channel.confirmSelect();
    }

    /** Settings for this queue: short backoffs and delay-queue delays so tests stay short. */
    ConsumerSettings.Builder settings(String store) {
        return ConsumerSettings.builder().amqpUri("amqp://guest:guest@127.0.0.1:5672/%2f").queue(queue)
                .exchange(exchange).store(store).retryDelay(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(200))
                .reconnectDelay(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(1))
                .retryQueueDelay(java.time.Duration.ofMillis(50))
                .closeTimeout(java.time.Duration.ofSeconds(10));
    }

    /** Publishes a body as the {@code amqp} destination would, with the given overrides, and waits for the confirm. */
    void publish(byte[] body, int events, String messageId) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("spool-schema", 1);
        headers.put("spool-events", events);
        publish(body, new AMQP.BasicProperties.Builder().contentType("application/x-ndjson").deliveryMode(2)
                .messageId(messageId).headers(headers).build());
    }

    /** Publishes without waiting for each confirm (a benchmark's pre-fill); {@link #confirmAll()} waits. */
    void publishUnconfirmed(byte[] body, int events, String messageId) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("spool-schema", 1);
        headers.put("spool-events", events);
        channel.basicPublish(exchange, "svc.INFO", true, new AMQP.BasicProperties.Builder()
                .contentType("application/x-ndjson").deliveryMode(2).messageId(messageId).headers(headers).build(), body);
    }

    void confirmAll() throws Exception {
        channel.waitForConfirmsOrDie(60_000);
    }

    void publish(byte[] body, AMQP.BasicProperties props) throws Exception {
        channel.basicPublish(exchange, "svc.INFO", true, props, body);
        channel.waitForConfirmsOrDie(10_000);
    }

    long ready() throws IOException {
        return channel.messageCount(queue);
    }

    long deadCount() throws IOException {
        return channel.messageCount(queue + ".dead");
    }

    /** Takes every dead letter now in the dead-letter queue. */
    List<GetResponse> takeDead() throws IOException {
        List<GetResponse> all = new ArrayList<>();
        for (GetResponse r = channel.basicGet(queue + ".dead", true); r != null; r = channel.basicGet(queue + ".dead", true)) {
            all.add(r);
        }
        return all;
    }

    /** Closes, from the broker's side, every connection of a consumer of this queue. Returns how many. */
    int cutConsumerConnections() throws Exception {
        String connections = HostCommand.require(Duration.ofSeconds(60), null, "rabbitmqctl", "list_connections", "-q",
                "--no-table-headers", "pid", "client_properties");
        int cut = 0;
        for (String line : connections.split("\n")) {
            if (line.contains("\"spool-consumer " + queue + " ")) {
                String pid = line.substring(0, line.indexOf('\t'));
                Broker.run(60, "rabbitmqctl", "close_connection", pid, "test: connection cut");
                cut++;
            }
        }
        return cut;
    }

    @Override
    public void close() throws Exception {
        try (topology) {
            connection.close();
        }
    }
}
