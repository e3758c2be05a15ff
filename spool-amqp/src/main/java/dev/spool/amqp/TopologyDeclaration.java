package dev.spool.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Declares the exchange, the queue and the dead-letter pair on a channel. Declarations are idempotent:
 * declaring what exists with the same arguments does nothing, and different arguments fail with
 * PRECONDITION_FAILED (406), which the publisher reports as its last error and retries with backoff.
 */
final class TopologyDeclaration {

    private TopologyDeclaration() {
    }

    static void declare(Channel channel, AmqpSettings.Topology t) throws IOException {
        channel.exchangeDeclare(t.exchange(), BuiltinExchangeType.TOPIC, true);
        if (!t.declareQueue()) {
            return;
        }
        channel.exchangeDeclare(t.deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(t.deadLetterQueue(), true, false, false, Map.of("x-queue-type", t.queueType()));
        channel.queueBind(t.deadLetterQueue(), t.deadLetterExchange(), "");
        channel.queueDeclare(t.queue(), true, false, false, queueArguments(t));
        channel.queueBind(t.queue(), t.exchange(), t.bindingKey());
    }

    static Map<String, Object> queueArguments(AmqpSettings.Topology t) {
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", t.queueType());
        args.put("x-message-ttl", t.messageTtl().toMillis());
        args.put("x-max-length", t.maxLengthMessages());
        // The broker's default (drop-head) would silently discard the oldest messages; refusing the
        // publish instead makes the producer keep them in its spool until consumers catch up.
        args.put("x-overflow", "reject-publish");
        args.put("x-dead-letter-exchange", t.deadLetterExchange());
        return args;
    }
}
