package dev.spool.spi.durable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The record layout: a 16-byte header {@code magic, payloadLength, eventCount, crc32c} (big-endian ints)
 * followed by the payload. The checksum covers length, count and payload, so a torn write, a zero-filled
 * tail or flipped bits all fail it.
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

    /** Fills {@code header} (position 0, limit 16) for a payload. */
    static void encodeHeader(ByteBuffer header, CRC32C crc, byte[] payload, int offset, int payloadLength, int events) {
        header.clear();
        header.putInt(0, MAGIC).putInt(4, payloadLength).putInt(8, events)
                .putInt(12, checksum(crc, payloadLength, events, payload, offset));
    }

    /** Whether a header's fixed fields are plausible; the checksum is checked once the payload is read. */
    static boolean plausible(ByteBuffer header, long bytesAvailable) {
        header.order(ByteOrder.BIG_ENDIAN);
        int length = header.getInt(4);
        return header.getInt(0) == MAGIC && length >= 0 && length <= MAX_PAYLOAD_BYTES
                && header.getInt(8) >= 0 && HEADER_BYTES + (long) length <= bytesAvailable;
    }
}
