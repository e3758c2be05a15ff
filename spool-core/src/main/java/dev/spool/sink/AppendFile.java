package dev.spool.sink;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * One file appended to through a reusable buffer, with the backlog kept after a failed write.
 *
 * <p>Holds the bytes of accepted events until they are in the file. After a write fails, {@link #append}
 * stops writing early and only adds to the backlog, refusing events past {@code maxBacklogBytes}; each
 * {@link #flush} retries. The channel is reopened when it was closed under us (an interrupted writer
 * closes a {@link FileChannel}) or, checked at most once per {@code fileCheckInterval}, when the path no
 * longer names the file we opened (deleted, or moved away by another program).
 *
 * <p>Writer thread only.
 */
final class AppendFile {

    static final long MAX_BUFFER_BYTES = 1L << 30;
    private static final int HEADROOM_BYTES = 64 * 1024;

    private final Path path;
    private final Format format;
    private final int bufferSizeBytes;
    private final long maxBacklogBytes;
    private final long fileCheckIntervalNanos;
    private final boolean writeOnlyOnFlush;
    private ByteBuilder buffer;
    private FileChannel channel;
    private Object fileKey;
    private long nextFileCheckNanos;
    private long fileBytes;
    private int openings;
    private IOException failure;

    AppendFile(Path path, Format format, int bufferSizeBytes, long maxBacklogBytes, Duration fileCheckInterval) {
        this(path, format, bufferSizeBytes, maxBacklogBytes, fileCheckInterval, false);
    }

    /**
     * @param writeOnlyOnFlush when true, {@link #append} never writes out early: the caller writes every
     *        byte through {@link #flush} (the multi-process sink does, holding its lock), and asks
     *        {@link #bufferFull()} after each event
     */
    AppendFile(Path path, Format format, int bufferSizeBytes, long maxBacklogBytes, Duration fileCheckInterval,
               boolean writeOnlyOnFlush) {
        this.path = path;
        this.writeOnlyOnFlush = writeOnlyOnFlush;
        this.format = format;
        this.bufferSizeBytes = checkBufferSize(bufferSizeBytes);
        this.maxBacklogBytes = checkMaxBacklog(maxBacklogBytes);
        this.fileCheckIntervalNanos = checkFileCheckInterval(fileCheckInterval).toNanos();
        this.buffer = new ByteBuilder(bufferSizeBytes + HEADROOM_BYTES);
    }

    static int checkBufferSize(int bytes) {
        if (bytes < 1 || bytes > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("bufferSizeBytes must be from 1 to " + MAX_BUFFER_BYTES
                    + ", was " + bytes);
        }
        return bytes;
    }

    static long checkMaxBacklog(long bytes) {
        if (bytes < 0 || bytes > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("maxBacklogBytes must be from 0 to " + MAX_BUFFER_BYTES
                    + ", was " + bytes);
        }
        return bytes;
    }

    static Duration checkFileCheckInterval(Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("fileCheckInterval must be zero or positive, was " + interval);
        }
        return interval;
    }

    Path path() {
        return path;
    }

    /** Whether the format writes ledgers in Spool's readable schema (then the file carries them). */
    boolean writesLedgers() {
        return format.writesLedgers();
    }

    /**
     * Formats the event into the buffer; writes out early when the buffer has reached its size and no
     * failure is pending. Never writes half an event into the buffer: a throwing format leaves it as it was.
     *
     * @throws SinkOverflowException when a backlog exists and this event would take it past its bound;
     *         the event is not kept
     */
    void append(LogEvent event) throws SinkOverflowException {
        int start = buffer.length();
        try {
            format.format(event, buffer);
        } catch (RuntimeException | Error e) {
            buffer.truncate(start);
            throw e;
        }
        if (failure != null) {
            refuseOverBound(start);
        } else if (!writeOnlyOnFlush && buffer.length() >= bufferSizeBytes) {
            writeOutQuietly();
        }
    }

    /** Whether the buffer has reached its size with no failure pending: time to write out. */
    boolean bufferFull() {
        return failure == null && buffer.length() >= bufferSizeBytes;
    }

    /**
     * Records a failure that happened before the write itself (the lock could not be taken): the held
     * bytes become a backlog, retried by each flush and bounded like one.
     */
    void fail(IOException cause) {
        failure = cause;
    }

    /** Discards what is held and any pending failure; returns how many bytes were discarded. */
    int discardHeld() {
        int held = buffer.length();
        buffer.clear();
        failure = null;
        return held;
    }

    private void refuseOverBound(int eventStart) throws SinkOverflowException {
        if (buffer.length() > maxBacklogBytes) {
            buffer.truncate(eventStart);
            throw new SinkOverflowException("event refused: " + eventStart + " bytes for " + path
                    + " are held back after a write failure and the bound is " + maxBacklogBytes + " bytes",
                    eventStart, failure);
        }
    }

    /** Writes everything held; on failure keeps the unwritten rest and throws. */
    void flush() throws IOException {
        if (buffer.length() > 0 || failure != null) {
            writeOut();
        }
    }

    /** Like {@link #flush} but reports failure as {@code false}: the bytes stay for the next flush. */
    boolean writeOutQuietly() {
        try {
            writeOut();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void writeOut() throws IOException {
        try {
            ensureOpen();
            int before = buffer.length();
            try {
                buffer.writeTo(channel);
            } finally {
                fileBytes += before - buffer.length();
            }
        } catch (IOException e) {
            failure = e;
            if (e instanceof ClosedChannelException) {
                dropChannel();
            }
            throw e;
        }
        if (failure != null) {
            failure = null;
            releaseBacklogMemory();
        }
    }

    /** After a backlog has drained, gives back the memory it grew the buffer to. */
    private void releaseBacklogMemory() {
        if (buffer.array().length > 2 * (bufferSizeBytes + HEADROOM_BYTES)) {
            buffer = new ByteBuilder(bufferSizeBytes + HEADROOM_BYTES);
        }
    }

    boolean hasBacklog() {
        return failure != null;
    }

    /** Bytes accepted but not yet in the file. */
    int heldBytes() {
        return buffer.length();
    }

    /** Bytes in the file as far as this writer knows: its size when opened plus what was written since. */
    long fileBytes() {
        return fileBytes;
    }

    /** The file's real size, read from the channel (so it counts other writers), and resyncs the counter. */
    long realSize() throws IOException {
        ensureOpen();
        fileBytes = channel.size();
        return fileBytes;
    }

    /**
     * Reopens the path when the open channel is closed or no longer the file the path names (another
     * process rotated it). Checks now, whatever the file check interval.
     *
     * @return whether the file was (re)opened
     */
    boolean reopenIfReplaced() throws IOException {
        if (channel == null || !channel.isOpen() || !stillOurs()) {
            open();
            return true;
        }
        return false;
    }

    /** The key of the file the open channel writes to, or null when none is open. */
    Object fileKey() {
        return channel == null ? null : fileKey;
    }

    /** How many times the file was opened: a change tells the caller its view of the file is stale. */
    int openings() {
        return openings;
    }

    /** Appends one line feed straight to the file, ending a line another writer left unterminated. */
    void terminateLine() throws IOException {
        ensureOpen();
        ByteBuffer lineFeed = ByteBuffer.wrap(new byte[] {'\n'});
        while (lineFeed.hasRemaining()) {
            fileBytes += channel.write(lineFeed);
        }
    }

    private void ensureOpen() throws IOException {
        if (channel == null || !channel.isOpen()) {
            open();
        } else if (fileCheckDue() && !stillOurs()) {
            open();
        }
    }

    private boolean fileCheckDue() {
        long now = System.nanoTime();
        if (now - nextFileCheckNanos < 0) {
            return false;
        }
        nextFileCheckNanos = now + fileCheckIntervalNanos;
        return true;
    }

    private boolean stillOurs() {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key == null || key.equals(fileKey);
        } catch (IOException e) {
            // gone, or no longer reachable: reopening either finds the path again or keeps the bytes
            return false;
        }
    }

    /** Opens (or reopens) the file for appending, creating missing parent directories. */
    void open() throws IOException {
        dropChannel();
        fileBytes = 0;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel opened = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            fileBytes = opened.size();
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
        openings++;
        nextFileCheckNanos = System.nanoTime() + fileCheckIntervalNanos;
    }

    /** Closes the channel without writing; the held bytes stay for the next write or flush, which reopens. */
    void dropChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the channel is being discarded; what it failed to write is still in the buffer
            }
            channel = null;
        }
    }

    /**
     * Writes what is held and closes the file.
     *
     * @throws IOException when held bytes could not be written; they are discarded and the message says how many
     */
    void close() throws IOException {
        try {
            flush();
        } catch (IOException e) {
            int lost = buffer.length();
            buffer.clear();
            throw new IOException(lost + " bytes for " + path + " could not be written before close", e);
        } finally {
            FileChannel open = channel;
            channel = null;
            if (open != null) {
                open.close();
            }
        }
    }
}
