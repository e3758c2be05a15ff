package dev.spool.amqp;

import dev.spool.spi.ByteBuilder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An amqp record's payload in the durable queue: routing key length (2 bytes, big-endian), routing key,
 * message body. The layout amqp spool directories have always had, so one written by an earlier version
 * is read as before.
 */
final class SpoolRecord {

    private SpoolRecord() {
    }

    /** Replaces {@code into}'s content with the payload for one batch. */
    static void encode(byte[] routingKey, ByteBuilder body, ByteBuilder into) {
        into.clear();
        into.append((byte) (routingKey.length >>> 8)).append((byte) routingKey.length);
        into.append(routingKey).append(body);
    }

    static String routingKey(ByteBuffer payload) {
        int keyLength = payload.getShort(0) & 0xffff;
        byte[] key = new byte[keyLength];
        payload.get(2, key);
        return new String(key, StandardCharsets.UTF_8);
    }

    static byte[] body(ByteBuffer payload) {
        int from = 2 + (payload.getShort(0) & 0xffff);
        byte[] body = new byte[payload.limit() - from];
        payload.get(from, body);
        return body;
    }
}
