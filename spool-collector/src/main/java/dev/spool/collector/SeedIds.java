package dev.spool.collector;

import dev.spool.collector.json.JsonEventReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Seeds the de-duplication window from the JSON Lines files a collector writes, so that after a crash
 * the events it wrote but never acknowledged are recognised when their senders resend them.
 *
 * <p>Reads only the first bytes of each line ({@code {"v":1,"id":"...}}, the order {@code JsonFormat}
 * writes), never a whole line. A file that does not end with a line feed was cut in the middle of an
 * event by a crash; that torn tail is truncated first: it was never acknowledged, so its sender resends it.
 */
final class SeedIds {

    private static final byte[] PREFIX = "{\"v\":1,\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD = PREFIX.length + 26;

    private SeedIds() {
    }

    /** Repairs the file's tail and adds the ids in its last {@code maxBytes} to {@code window}; returns how many. */
    static long seed(Path file, long maxBytes, DedupWindow window) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        long size = cutTornTail(file);
        long start = Math.max(0, size - maxBytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(start);
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            return scan(in, start > 0, size - start, window);
        }
    }

    private static long scan(InputStream in, boolean skipFirstLine, long length, DedupWindow window) throws IOException {
        byte[] head = new byte[HEAD];
        int headLength = 0;
        boolean skipping = skipFirstLine; // reading from the middle: the first line is only a part of one
        long ids = 0;
        for (long i = 0; i < length; i++) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            if (b == '\n') {
                if (!skipping && headLength == HEAD && addId(head, window)) {
                    ids++;
                }
                headLength = 0;
                skipping = false;
            } else if (!skipping && headLength < HEAD) {
                head[headLength++] = (byte) b;
            }
        }
        return ids;
    }

    private static boolean addId(byte[] head, DedupWindow window) {
        if (!java.util.Arrays.equals(head, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return false;
        }
        try {
            long[] id = JsonEventReader.decodeId(new String(head, PREFIX.length, 26, StandardCharsets.US_ASCII));
            window.add(id[0], id[1]);
            return true;
        } catch (IllegalArgumentException notAnId) {
            return false;
        }
    }

    /** Truncates everything after the last line feed; returns the new size. */
    static long cutTornTail(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long end = size;
            while (end > 0) {
                int chunk = (int) Math.min(buffer.capacity(), end);
                buffer.clear().limit(chunk);
                channel.read(buffer, end - chunk);
                for (int i = chunk - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        long keep = end - chunk + i + 1;
                        if (keep < size) {
                            channel.truncate(keep);
                        }
                        return keep;
                    }
                }
                end -= chunk;
            }
            channel.truncate(0);
            return 0;
        }
    }
}
