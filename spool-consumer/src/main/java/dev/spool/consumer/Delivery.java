package dev.spool.consumer;

import com.rabbitmq.client.AMQP;

/**
 * One message as the broker delivered it on a worker's channel.
 *
 * @param queue the queue it was consumed from (the worker may consume several)
 */
record Delivery(long tag, boolean redelivered, String exchange, String routingKey, AMQP.BasicProperties props,
                byte[] body, String queue) {

    /** Header counting the non-retryable store failures of a message sent through the delay queues. */
    static final String ATTEMPTS_HEADER = "spool-attempts";

    /** Store failures this message had before this delivery (0 unless it came back from a delay queue). */
    int attemptsSoFar() {
        Object v = props.getHeaders() == null ? null : props.getHeaders().get(ATTEMPTS_HEADER);
        if (v instanceof Number) {
            long n = ((Number) v).longValue();
            return (int) Math.max(0, Math.min(n, 1_000_000)); // a hostile header must not overflow the count
        }
        return 0;
    }

    String describe() {
        return "message " + (props.getMessageId() == null ? "without message_id" : "'" + props.getMessageId() + "'")
                + " (routing key '" + routingKey + "', " + body.length + " bytes)";
    }
}
