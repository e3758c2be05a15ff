package dev.spool.amqp.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a {@link DiskSpool}'s records in order, checking each one's checksum. A damaged region is
 * skipped up to the next record that checks out, and reported once to the spool's damage counters.
 *
 * <p>Not thread-safe: one reading thread. The current record's accessors are valid until the next
 * {@link #next()}.
 */
public final class SpoolReader implements Closeable {

    private static final int SCAN_CHUNK_BYTES = 64 * 1024;

    private final DiskSpool spool;
    private final ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
    private final CRC32C crc = new CRC32C();
    private byte[] payload = new byte[64 * 1024];
    private Segment segment;
    private FileChannel channel;
    private long position;
    private long recordStart;
    private int payloadLength;
    private int events;

    SpoolReader(DiskSpool spool) {
        this.spool = spool;
    }

    /** Moves to {@code position}, normally the spool's committed position. */
    public void seek(long newPosition) {
        position = newPosition;
    }

    /**
     * Reads the next complete record, skipping damaged bytes.
     *
     * @return false if no record follows yet (the reader stays where it is)
     */
    public boolean next() throws IOException {
        while (true) {
            position = Math.max(position, spool.floor());
            Segment s = spool.segmentAt(position);
            if (s == null) {
                return false;
            }
            position = Math.max(position, s.base);
            long available = s.end() - position;
            if (available <= 0 || (available < RecordCodec.HEADER_BYTES && spool.segmentAfter(s) != null)) {
                Segment after = spool.segmentAfter(s);
                if (after == null) {
                    return false;
                }
                spool.noteCorrupt(position, available);
                position = after.base;
                continue;
            }
            if (available < RecordCodec.HEADER_BYTES) {
                return false;
            }
            if (!open(s)) {
                continue; // deleted under us by a drop: the floor has moved past it
            }
            if (readRecord(s)) {
                return true;
            }
            skipDamage(s);
        }
    }

    private boolean open(Segment s) throws IOException {
        if (segment == s && channel != null) {
            return true;
        }
        closeChannel();
        try {
            channel = FileChannel.open(s.file, StandardOpenOption.READ);
            segment = s;
            return true;
        } catch (NoSuchFileException gone) {
            position = s.end();
            return false;
        }
    }

    /** Reads and checks the record at {@code position}; on success moves past it. */
    private boolean readRecord(Segment s) throws IOException {
        if (!validAt(s, position)) {
            return false;
        }
        recordStart = position;
        position += RecordCodec.HEADER_BYTES + payloadLength;
        return true;
    }

    private boolean validAt(Segment s, long at) throws IOException {
        header.clear();
        long offset = at - s.base;
        if (channel.read(header, offset) < RecordCodec.HEADER_BYTES || !RecordCodec.plausible(header, s.end() - at)) {
            return false;
        }
        int length = header.getInt(4);
        if (payload.length < length) {
            payload = new byte[Math.max(length, payload.length * 2)];
        }
        ByteBuffer body = ByteBuffer.wrap(payload, 0, length);
        while (body.hasRemaining()) {
            if (channel.read(body, offset + RecordCodec.HEADER_BYTES + body.position()) < 0) {
                return false;
            }
        }
        int count = header.getInt(8);
        if (RecordCodec.checksum(crc, length, count, payload, 0) != header.getInt(12)) {
            return false;
        }
        payloadLength = length;
        events = count;
        return true;
    }

    /** Finds the next record in {@code s} that checks out and reports the bytes before it. */
    private void skipDamage(Segment s) throws IOException {
        long damagedFrom = position;
        long end = s.end();
        ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK_BYTES);
        for (long from = position + 1; from + RecordCodec.HEADER_BYTES <= end; from += SCAN_CHUNK_BYTES - 3) {
            chunk.clear();
            int n = channel.read(chunk, from - s.base);
            for (int i = 0; i + 4 <= n; i++) {
                if (chunk.getInt(i) == RecordCodec.MAGIC && validAt(s, from + i)) {
                    spool.noteCorrupt(damagedFrom, from + i - damagedFrom);
                    position = from + i;
                    return;
                }
            }
        }
        spool.noteCorrupt(damagedFrom, end - damagedFrom);
        position = end;
    }

    /** Start position of the current record. */
    public long recordStart() {
        return recordStart;
    }

    /** Position just after the current record: what to commit once it is delivered. */
    public long recordEnd() {
        return position;
    }

    /** Events in the current record. */
    public int events() {
        return events;
    }

    /** The current record's routing key. */
    public String routingKey() {
        int keyLength = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        return new String(payload, 2, keyLength, StandardCharsets.UTF_8);
    }

    /** A copy of the current record's body. */
    public byte[] body() {
        int keyLength = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        return Arrays.copyOfRange(payload, 2 + keyLength, payloadLength);
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            segment = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}
