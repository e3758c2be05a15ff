package dev.spool.amqp.spool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The record layout: a 16-byte header {@code magic, payloadLength, eventCount, crc32c} (big-endian ints)
 * and the payload {@code keyLength (2 bytes), key, body}. The checksum covers length, count and payload,
 * so a torn write, a zero-filled tail or flipped bits all fail it.
 */
final class RecordCodec {

    static final int MAGIC = 0x53504c31; // "SPL1"
    static final int HEADER_BYTES = 16;
    /** Larger payloads are refused when written and treated as damage when read. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private RecordCodec() {
    }

    static int checksum(CRC32C crc, int payloadLength, int events, byte[] payload, int offset) {
        crc.reset();
        crc.update(payloadLength >>> 24);
        crc.update(payloadLength >>> 16);
        crc.update(payloadLength >>> 8);
        crc.update(payloadLength);
        crc.update(events >>> 24);
        crc.update(events >>> 16);
        crc.update(events >>> 8);
        crc.update(events);
        crc.update(payload, offset, payloadLength);
        return (int) crc.getValue();
    }

    /** Whether a header's fixed fields are plausible; the checksum is checked once the payload is read. */
    static boolean plausible(ByteBuffer header, long bytesAvailable) {
        header.order(ByteOrder.BIG_ENDIAN);
        int length = header.getInt(4);
        return header.getInt(0) == MAGIC && length >= 2 && length <= MAX_PAYLOAD_BYTES
                && header.getInt(8) >= 0 && HEADER_BYTES + (long) length <= bytesAvailable;
    }

    static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }
}
