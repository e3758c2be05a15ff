package dev.spool.consumer;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Declares what the {@code amqp} destination declares (docs/amqp.md), with the same arguments of the same
 * types, so that whichever side starts first creates the queue and the other's declaration is a no-op.
 * Different arguments fail with PRECONDITION_FAILED; the worker reports it and retries with backoff.
 */
final class Topology {

    private Topology() {
    }

    static void declare(Channel channel, ConsumerSettings s) throws IOException {
        channel.exchangeDeclare(s.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(s.deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(s.deadLetterQueue(), true, false, false, Map.of("x-queue-type", s.queueType()));
        channel.queueBind(s.deadLetterQueue(), s.deadLetterExchange(), "");
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", s.queueType());
        args.put("x-message-ttl", s.messageTtl().toMillis());
        args.put("x-max-length", s.maxLength());
        args.put("x-overflow", "reject-publish");
        args.put("x-dead-letter-exchange", s.deadLetterExchange());
        channel.queueDeclare(s.queue(), true, false, false, args);
        channel.queueBind(s.queue(), s.exchange(), s.binding());
    }
}
