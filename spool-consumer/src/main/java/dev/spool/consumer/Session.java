package dev.spool.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One worker's broker connection: a consuming channel (manual acks, prefetch) whose deliveries the
 * client's dispatch thread puts in an inbox the worker takes from, and a second channel in confirm mode
 * for dead letters. Delivery tags belong to the channel: when the session breaks, its unacknowledged
 * messages go back to the queue and the worker drops them with the session.
 *
 * <p>Used by its worker thread only, except the inbox, which the client's dispatch thread fills.
 */
final class Session implements AutoCloseable {

    /** Put in the inbox to wake the worker when the channel closes. */
    static final Delivery WAKE = new Delivery(-1, false, "", "", new AMQP.BasicProperties(), new byte[0], "");

    /** Consumer tags name their queue, so a delivery knows which queue it came from. */
    private static final String TAG_PREFIX = "spool:";

    private static final long CONFIRM_TIMEOUT_MILLIS = 30_000;

    private final Connection connection;
    private final Channel channel;
    private final Channel deadChannel;
    private final LinkedBlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
    private final CountDownLatch cancelled;
    private volatile String brokenBecause;
    private volatile boolean returned;
    private final List<String> consumerTags = new ArrayList<>();

    private Session(Connection connection, Channel channel, Channel deadChannel, int queues) {
        this.connection = connection;
        this.channel = channel;
        this.deadChannel = deadChannel;
        this.cancelled = new CountDownLatch(queues);
    }

    /**
     * Connects, declares the topology, sets the prefetch and starts consuming every queue of the settings
     * on one channel (delivery tags are the channel's, so one ack covers a batch from several queues).
     *
     * @throws Topology.TopologyMismatch when the broker's queues or exchange are not as the settings need
     */
    static Session open(ConnectionFactory factory, ConsumerSettings s, String name) throws IOException, TimeoutException {
        Connection connection = factory.newConnection(name);
        try {
            Channel channel = connection.createChannel();
            Topology.declare(connection, channel, s);
            channel.basicQos(s.prefetch());
            Channel dead = connection.createChannel();
            dead.confirmSelect();
            Session session = new Session(connection, channel, dead, s.queues().size());
            dead.addReturnListener(r -> session.returned = true);
            connection.addShutdownListener(cause -> session.broke(cause));
            Inbox inbox = session.new Inbox(channel);
            for (String queue : s.queues()) {
                session.consumerTags.add(channel.basicConsume(queue, false, TAG_PREFIX + queue, inbox));
            }
            return session;
        } catch (IOException | RuntimeException e) {
            connection.abort(1000);
            throw e;
        }
    }

    /** The next delivery, {@link #WAKE}, or null after {@code nanos}. */
    Delivery poll(long nanos) throws InterruptedException {
        return nanos <= 0 ? inbox.poll() : inbox.poll(nanos, TimeUnit.NANOSECONDS);
    }

    boolean broken() {
        return brokenBecause != null;
    }

    String brokenBecause() {
        return brokenBecause;
    }

    /** Acknowledges every delivery up to and including {@code tag}. */
    void ackUpTo(long tag) throws IOException {
        channel.basicAck(tag, true);
    }

    /**
     * Publishes to the dead-letter exchange and returns once the broker has confirmed it (persisted and
     * routed to a queue).
     *
     * @throws IOException when the broker nacks it, routes it nowhere, or the channel fails
     */
    void publishDead(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body)
            throws IOException, InterruptedException, TimeoutException {
        returned = false;
        deadChannel.basicPublish(exchange, routingKey, true, props, body);
        deadChannel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        if (returned) {
            throw new IOException("the dead-letter exchange '" + exchange + "' routes to no queue");
        }
    }

    /** Publishes to a delay queue (through the default exchange) and returns once the broker has confirmed it. */
    void publishDelayed(String queue, AMQP.BasicProperties props, byte[] body)
            throws IOException, InterruptedException, TimeoutException {
        returned = false;
        deadChannel.basicPublish("", queue, true, props, body);
        deadChannel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        if (returned) {
            throw new IOException("the delay queue '" + queue + "' does not exist");
        }
    }

    /**
     * Stops deliveries (graceful close) and returns once every delivery sent before the cancel is in the
     * inbox, or after {@code millis}.
     */
    void cancel(long millis) throws InterruptedException {
        try {
            for (String tag : consumerTags) {
                channel.basicCancel(tag);
            }
        } catch (IOException | RuntimeException e) {
            broke(e.toString());
            return;
        }
        cancelled.await(millis, TimeUnit.MILLISECONDS);
    }

    private void broke(Object cause) {
        if (brokenBecause == null) {
            brokenBecause = cause instanceof ShutdownSignalException
                    ? "broker channel closed: " + ((ShutdownSignalException) cause).getMessage()
                    : String.valueOf(cause);
        }
        inbox.add(WAKE);
    }

    /** Marks the session unusable, e.g. after a failed ack. */
    void markBroken(String why) {
        broke(why);
    }

    @Override
    public void close() {
        if (brokenBecause == null) {
            brokenBecause = "closed";
        }
        try {
            connection.close(2000);
        } catch (IOException | RuntimeException e) {
            connection.abort(1000);
        }
    }

    private final class Inbox extends DefaultConsumer {

        Inbox(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            inbox.add(new Delivery(envelope.getDeliveryTag(), envelope.isRedeliver(), envelope.getExchange(),
                    envelope.getRoutingKey(), props, body,
                    tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : ""));
        }

        @Override
        public void handleCancelOk(String tag) {
            cancelled.countDown();
        }

        @Override
        public void handleCancel(String tag) {
            broke("the broker cancelled the consumer (queue deleted?)");
        }

        @Override
        public void handleShutdownSignal(String tag, ShutdownSignalException cause) {
            broke(cause);
        }
    }
}
