package dev.spool.consumer;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares what the {@code amqp} destination declares (docs/amqp.md), with the same arguments of the same
 * types, so that whichever side starts first creates the queue and the other's declaration is a no-op.
 * Different arguments fail with PRECONDITION_FAILED, reported as a {@link TopologyMismatch} that says
 * what differs and how to consume such a queue ({@code declare(false)}).
 *
 * <p>With {@code declare(false)} (a topology someone else owns, e.g. Loghive's) the exchange and queues
 * are only checked passively, and the consumer declares nothing but its own dead-letter exchange and
 * queue.
 */
final class Topology {

    private Topology() {
    }

    /** A declared or expected queue or exchange that is not as this consumer needs it: retrying cannot help. */
    static final class TopologyMismatch extends IOException {
        TopologyMismatch(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Declares (or checks) everything the consumer uses. A failed declaration closes the channel, so each
     * step that may fail runs on a channel of its own, opened from {@code connection}.
     *
     * @throws TopologyMismatch when a queue or exchange exists with other settings, or (not declaring) is missing
     */
    static void declare(Connection connection, Channel channel, ConsumerSettings s) throws IOException {
        if (s.declare()) {
            step(connection, "exchange '" + s.exchange() + "'", ch -> ch.exchangeDeclare(s.exchange(),
                    s.exchangeType().equals("direct") ? BuiltinExchangeType.DIRECT : BuiltinExchangeType.TOPIC, true),
                    "declared as a durable " + s.exchangeType() + " exchange");
        } else {
            step(connection, "exchange '" + s.exchange() + "'", ch -> ch.exchangeDeclarePassive(s.exchange()),
                    "expected to exist (--no-declare)");
        }
        channel.exchangeDeclare(s.deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(s.deadLetterQueue(), true, false, false, Map.of("x-queue-type", s.queueType()));
        channel.queueBind(s.deadLetterQueue(), s.deadLetterExchange(), "");
        // The delay queues are the consumer's own (declared with --no-declare too): a message that expires in
        // one goes back, through the default exchange, to the queue it came from. TTL is per message.
        for (String queue : s.queues()) {
            for (int level = 1; level <= s.delayLevels(); level++) {
                Map<String, Object> args = new HashMap<>();
                args.put("x-queue-type", s.queueType());
                args.put("x-dead-letter-exchange", "");
                args.put("x-dead-letter-routing-key", queue);
                String delayQueue = s.delayQueue(queue, level);
                step(connection, "delay queue '" + delayQueue + "'",
                        ch -> ch.queueDeclare(delayQueue, true, false, false, args), "declared with " + args);
            }
        }
        for (String queue : s.queues()) {
            if (s.declare()) {
                Map<String, Object> args = new HashMap<>();
                args.put("x-queue-type", s.queueType());
                args.put("x-message-ttl", s.messageTtl().toMillis());
                args.put("x-max-length", s.maxLength());
                args.put("x-overflow", "reject-publish");
                args.put("x-dead-letter-exchange", s.deadLetterExchange());
                step(connection, "queue '" + queue + "'", ch -> ch.queueDeclare(queue, true, false, false, args),
                        "declared with " + args);
                List<String> keys = s.services().isEmpty() ? s.bindings() : List.of(queue);
                for (String key : keys) {
                    channel.queueBind(queue, s.exchange(), key);
                }
            } else {
                step(connection, "queue '" + queue + "'", ch -> ch.queueDeclarePassive(queue),
                        "expected to exist (--no-declare)");
            }
        }
    }

    private interface Step {
        void run(Channel channel) throws IOException;
    }

    private static void step(Connection connection, String what, Step step, String expected) throws IOException {
        Channel ch = connection.createChannel();
        try {
            step.run(ch);
        } catch (IOException e) {
            String reply = reply(e);
            if (reply == null || !(reply.contains("PRECONDITION_FAILED") || reply.contains("NOT_FOUND"))) {
                throw e;
            }
            String hint = reply.contains("NOT_FOUND")
                    ? "; declare it first, or let the consumer declare it (without --no-declare)"
                    : "; to consume a queue someone else declared (e.g. Loghive's), pass --no-declare";
            throw new TopologyMismatch(what + " " + expected + ", but the broker says: " + reply + hint, e);
        } finally {
            if (ch.isOpen()) {
                try {
                    ch.close();
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                    // closing a healthy channel; nothing to report
                }
            }
        }
    }

    private static String reply(IOException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ShutdownSignalException) {
            Object reason = ((ShutdownSignalException) cause).getReason();
            if (reason instanceof com.rabbitmq.client.AMQP.Channel.Close) {
                com.rabbitmq.client.AMQP.Channel.Close close = (com.rabbitmq.client.AMQP.Channel.Close) reason;
                return close.getReplyText();
            }
            return cause.getMessage();
        }
        return null;
    }
}
