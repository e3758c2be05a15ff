package dev.spool.spi.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a {@link DurableQueue}'s records in order, checking each one's checksum. A damaged region is
 * skipped up to the next record that checks out, and reported once to the queue's damage counters.
 * Not thread-safe: one reading thread.
 */
final class SegmentReader implements DurableQueue.Reader {

    private static final int SCAN_CHUNK_BYTES = 64 * 1024;

    private final DurableQueue queue;
    private final ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
    private final CRC32C crc = new CRC32C();
    private byte[] payload = new byte[64 * 1024];
    private Segment segment;
    private FileChannel channel;
    private long position;
    private long recordStart;
    private int payloadLength;
    private int events;

    SegmentReader(DurableQueue queue) {
        this.queue = queue;
    }

    @Override
    public void seek(long newPosition) {
        position = newPosition;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            position = Math.max(position, queue.floor());
            Segment s = queue.segmentAt(position);
            if (s == null) {
                return false;
            }
            position = Math.max(position, s.base);
            long available = s.end() - position;
            if (available <= 0 || (available < RecordCodec.HEADER_BYTES && queue.segmentAfter(s) != null)) {
                Segment after = queue.segmentAfter(s);
                if (after == null) {
                    return false;
                }
                queue.noteCorrupt(position, available);
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
                    queue.noteCorrupt(damagedFrom, from + i - damagedFrom);
                    position = from + i;
                    return;
                }
            }
        }
        queue.noteCorrupt(damagedFrom, end - damagedFrom);
        position = end;
    }

    @Override
    public long recordStart() {
        return recordStart;
    }

    @Override
    public long recordEnd() {
        return position;
    }

    @Override
    public int events() {
        return events;
    }

    @Override
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload, 0, payloadLength).asReadOnlyBuffer();
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
