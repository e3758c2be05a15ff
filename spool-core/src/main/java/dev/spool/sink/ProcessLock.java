package dev.spool.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock shared by every process writing one file: an exclusive {@link FileLock} on a lock file, behind
 * a reentrant lock that serializes the holders inside this JVM.
 *
 * <p>File locks belong to the whole process, so the JDK refuses a second lock on the same file from the
 * same JVM ({@link OverlappingFileLockException}) and, on POSIX systems, closing any descriptor of the
 * file drops the lock. Hence one instance per canonical lock-file path and JVM, handed out by
 * {@link #forFile} with a use count: two sinks on the same file take turns on the in-JVM lock, and only
 * the outermost {@link #lock()} of a thread takes the file lock. The lock file stays open while a user
 * remains, and is never deleted (deleting it would let a newcomer lock a different inode).
 *
 * <p>Thread-safe. {@link #lock()} blocks until every other holder, in any process, has unlocked.
 */
final class ProcessLock {

    private static final Map<Path, ProcessLock> BY_PATH = new HashMap<>(); // guarded by itself

    private final Path lockFile;
    private final ReentrantLock inJvm = new ReentrantLock();
    private FileChannel channel; // guarded by inJvm
    private FileLock held; // guarded by inJvm
    private int users; // guarded by BY_PATH

    private ProcessLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    /** The lock of {@code lockFile} in this JVM, creating the file and its directories; pair with {@link #release()}. */
    static ProcessLock forFile(Path lockFile) throws IOException {
        Path canonical = canonical(lockFile);
        synchronized (BY_PATH) {
            ProcessLock lock = BY_PATH.computeIfAbsent(canonical, ProcessLock::new);
            lock.users++;
            return lock;
        }
    }

    private static Path canonical(Path lockFile) throws IOException {
        Path absolute = lockFile.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // the directory, not the file, is resolved: the lock file may not exist yet
        return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    }

    Path path() {
        return lockFile;
    }

    /**
     * Takes the lock; reentrant per thread. Not interruptible while waiting for another thread of this
     * JVM; an interrupt while waiting for another process fails with {@link java.nio.channels.ClosedByInterruptException}.
     *
     * @throws IOException when the file lock could not be taken; the lock is then not held
     */
    void lock() throws IOException {
        inJvm.lock();
        if (inJvm.getHoldCount() > 1) {
            return;
        }
        try {
            held = openChannel().lock();
        } catch (OverlappingFileLockException e) {
            inJvm.unlock();
            // every Spool sink goes through inJvm, so only other code in this JVM can hold it
            throw new IOException("lock file " + lockFile + " is locked by other code in this JVM", e);
        } catch (IOException | RuntimeException | Error e) {
            inJvm.unlock(); // an interrupt also closed the channel: the next lock() opens it again
            throw e;
        }
    }

    /** Releases one level of {@link #lock()}; the file lock goes with the outermost. Never throws. */
    void unlock() {
        try {
            if (inJvm.getHoldCount() == 1 && held != null) {
                FileLock fileLock = held;
                held = null;
                fileLock.release();
            }
        } catch (IOException e) {
            closeChannel(); // closing the channel releases the lock for certain
        } finally {
            inJvm.unlock();
        }
    }

    /** Gives back one {@link #forFile} use; the last closes the lock file. */
    void release() {
        synchronized (BY_PATH) {
            if (--users > 0) {
                return;
            }
            BY_PATH.values().remove(this);
        }
        inJvm.lock();
        try {
            closeChannel();
        } finally {
            inJvm.unlock();
        }
    }

    private FileChannel openChannel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        return channel;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock whatever close reports
            }
            channel = null;
        }
    }
}
