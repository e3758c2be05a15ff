package dev.spool.spi.durable;

import dev.spool.spi.support.Diagnostics;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code committed} file: the position up to which the receiver acknowledged everything, stored as
 * the position and its bitwise complement so a torn or damaged write reads as "unknown" (everything is
 * then sent again) rather than as a wrong position (which could skip records). Thread-safe.
 */
final class CommittedPosition implements Closeable {

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(16);

    CommittedPosition(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }

    /** The persisted position, or -1 if there is none or it is damaged. */
    synchronized long read() throws IOException {
        buffer.clear();
        int n = channel.read(buffer, 0);
        if (n <= 0) {
            return -1;
        }
        long position = buffer.getLong(0);
        if (n < 16 || position != ~buffer.getLong(8) || position < 0) {
            Diagnostics.warn("queue.committed." + file, "queue " + file.getParent() + ": committed position"
                    + " unreadable; every queued record will be sent again", null);
            return -1;
        }
        return position;
    }

    /** Writes {@code position} and forces it to disk. */
    synchronized void write(long position) throws IOException {
        buffer.clear();
        buffer.putLong(0, position).putLong(8, ~position);
        channel.write(buffer, 0);
        channel.force(false);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
