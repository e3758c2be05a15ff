package dev.spool.consumer;

import com.rabbitmq.client.AMQP;

/** One message as the broker delivered it on a worker's channel. */
record Delivery(long tag, boolean redelivered, String exchange, String routingKey, AMQP.BasicProperties props,
                byte[] body) {

    /** The key failures are counted by: {@code message_id}, or the routing key and a checksum of the body. */
    String failureKey() {
        if (props.getMessageId() != null && !props.getMessageId().isEmpty()) {
            return props.getMessageId();
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        return routingKey + "/" + body.length + "/" + Long.toHexString(crc.getValue());
    }

    String describe() {
        return "message " + (props.getMessageId() == null ? "without message_id" : "'" + props.getMessageId() + "'")
                + " (routing key '" + routingKey + "', " + body.length + " bytes)";
    }
}
