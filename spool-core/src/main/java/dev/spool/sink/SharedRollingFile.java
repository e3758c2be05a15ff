package dev.spool.sink;

import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The multi-process side of a {@link RollingFileSink}: every write-out of the held bytes is one cycle
 * under the {@link ProcessLock} of the file, so processes take turns per batch, never per event.
 *
 * <p>One cycle: take the lock; if the path no longer names the file this process has open (another
 * process rotated it), reopen it and read the shared {@link RotationState}, as also when this process's
 * schedule boundary has come; if the file grew since this process last wrote and does not end with a
 * line feed (a writer died in the middle of a line), append a line feed so the torn line stands alone;
 * write the held bytes (the channel appends, so they land at the end whatever others wrote); then, if the
 * file's real size or the shared schedule says so, rotate it and record the next boundary; release. The
 * caller compresses the returned backup and applies retention after the lock is released.
 *
 * <p>Writer thread only (the lock serializes it with the other sinks and processes on the same file).
 */
final class SharedRollingFile {

    private final AppendFile file;
    private final Rotation rotation;
    private final ProcessLock lock;
    private final RotationState state;
    private final ByteBuffer lastByte = ByteBuffer.allocate(1);
    private FileChannel reader;
    private int readerOpening = -1;
    private long endWeLeft = -1; // the file's size after this process's last cycle; -1 when unknown

    private SharedRollingFile(AppendFile file, Rotation rotation, ProcessLock lock, RotationState state) {
        this.file = file;
        this.rotation = rotation;
        this.lock = lock;
        this.state = state;
    }

    /** Opens the file under the lock {@code <file>.lock} and agrees on the schedule through the state file. */
    static SharedRollingFile open(AppendFile file, Rotation rotation, RotationState state) throws IOException {
        ProcessLock lock = ProcessLock.forFile(file.path().resolveSibling(file.path().getFileName() + ".lock"));
        SharedRollingFile shared = new SharedRollingFile(file, rotation, lock, state);
        try {
            shared.start();
        } catch (IOException | RuntimeException e) {
            shared.close();
            throw e;
        }
        return shared;
    }

    private void start() throws IOException {
        lock.lock();
        try {
            file.open();
            long agreed = state.read();
            if (agreed == RotationState.UNKNOWN) {
                rotation.start(file.fileBytes(), Files.getLastModifiedTime(file.path()).toMillis());
            } else {
                rotation.adoptBoundary(agreed);
            }
            state.write(rotation.nextBoundaryMillis());
        } finally {
            lock.unlock();
        }
    }

    /**
     * One cycle (see the class comment).
     *
     * @return the file this cycle rotated away, for compression and retention, or null
     * @throws IOException when the lock could not be taken or the write failed; the held bytes become a
     *         backlog for the next cycle
     */
    Path writeOut() throws IOException {
        try {
            lock.lock();
        } catch (IOException e) {
            file.fail(e);
            throw e;
        }
        try {
            return writeOutLocked();
        } catch (IOException e) {
            file.fail(e);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private Path writeOutLocked() throws IOException {
        if (file.reopenIfReplaced()) {
            endWeLeft = -1;
            adoptSharedBoundary();
        } else if (rotation.boundaryPassed()) {
            adoptSharedBoundary();
        }
        long size = file.realSize();
        if (size > 0 && size != endWeLeft) {
            terminateTornTail(size);
        }
        file.flush();
        endWeLeft = file.fileBytes();
        if (!rotation.due(endWeLeft)) {
            rotation.scheduleNext(endWeLeft);
            return null;
        }
        return rotate();
    }

    private void adoptSharedBoundary() {
        long agreed = state.read();
        if (agreed != RotationState.UNKNOWN) {
            rotation.adoptBoundary(agreed);
        }
    }

    private void terminateTornTail(long size) throws IOException {
        FileChannel tail = reader();
        lastByte.clear();
        if (tail.read(lastByte, size - 1) == 1 && lastByte.get(0) != '\n') {
            file.terminateLine();
            Diagnostics.warn("sink.multiprocess.torn", "the last line of " + file.path()
                    + " was cut short (a writer died while writing it); ended it with a line feed", null);
        }
    }

    /** A read channel on the same file the writer has open (both are opened under the lock). */
    private FileChannel reader() throws IOException {
        if (reader == null || readerOpening != file.openings() || !reader.isOpen()) {
            closeReader();
            reader = FileChannel.open(file.path(), StandardOpenOption.READ);
            readerOpening = file.openings();
        }
        return reader;
    }

    private Path rotate() {
        file.dropChannel();
        Path backup;
        try {
            backup = rotation.moveAside();
        } catch (IOException e) {
            Diagnostics.warn("sink.rotate", "could not rotate " + file.path() + "; writing on to it", e);
            backup = null;
        }
        rotation.scheduleNext(backup == null ? endWeLeft : 0);
        if (backup != null) {
            state.write(rotation.nextBoundaryMillis());
        }
        try {
            file.open();
            endWeLeft = file.fileBytes();
        } catch (IOException e) {
            endWeLeft = -1; // the next cycle opens it again, and a failure there keeps the bytes
        }
        return backup;
    }

    /** Closes the read channel and gives back this sink's use of the lock. */
    void close() {
        closeReader();
        lock.release();
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only: nothing can be lost
            }
            reader = null;
        }
    }
}
