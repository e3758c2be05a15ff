package dev.spool.spi.durable;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock on a queue's directory ({@code spool.lock}): two writers on one queue would interleave
 * segments, so a queue is open in at most one place, in this process or another. The operating system
 * releases the lock when its holder dies, so a later process can take the queue over.
 */
final class DirectoryLock implements Closeable {

    static final String FILE = "spool.lock";

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /** @throws IOException if another queue, here or in another process, holds the directory */
    static DirectoryLock take(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisJvm) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new QueueInUseException(dir);
        }
        return new DirectoryLock(channel);
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
