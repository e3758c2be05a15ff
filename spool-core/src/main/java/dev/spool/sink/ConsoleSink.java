package dev.spool.sink;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes formatted events to standard output, standard error or any stream.
 *
 * <p>The standard streams are written through their file descriptors, not {@code System.out}: replacing
 * {@code System.out} does not redirect this sink, and the lock inside {@code PrintStream} is not taken.
 * {@link #write} only buffers (writing out early once {@code bufferSizeBytes} are held); {@link #flush}
 * writes the batch in one call. A console that fails does not come back, so nothing is kept: bytes that
 * fail to be written are discarded and the failure is thrown by that {@link #flush}, or by the next one
 * when it happened during an early write-out. {@link #close} flushes but leaves the stream open.
 *
 * <p>Not thread-safe: one writer thread calls every method, as {@link Sink} requires.
 */
public final class ConsoleSink implements Sink {

    private final OutputStream out;
    private final Format format;
    private final int bufferSizeBytes;
    private final ByteBuilder buffer;
    private IOException earlyFailure;

    private ConsoleSink(OutputStream out, Format format, int bufferSizeBytes) {
        this.out = Objects.requireNonNull(out, "out");
        this.format = Objects.requireNonNull(format, "format");
        this.bufferSizeBytes = AppendFile.checkBufferSize(bufferSizeBytes);
        this.buffer = new ByteBuilder(Math.min(bufferSizeBytes, 64 * 1024));
    }

    /** A sink writing to file descriptor 1. */
    public static ConsoleSink stdout(Format format) {
        return new ConsoleSink(new FileOutputStream(FileDescriptor.out), format, FileSink.DEFAULT_BUFFER_SIZE_BYTES);
    }

    /** A sink writing to file descriptor 2. */
    public static ConsoleSink stderr(Format format) {
        return new ConsoleSink(new FileOutputStream(FileDescriptor.err), format, FileSink.DEFAULT_BUFFER_SIZE_BYTES);
    }

    /** A sink writing to {@code out}, which it never closes. */
    public static ConsoleSink to(OutputStream out, Format format) {
        return new ConsoleSink(out, format, FileSink.DEFAULT_BUFFER_SIZE_BYTES);
    }

    /** A sink writing to {@code out}, writing out early once {@code bufferSizeBytes} are buffered. */
    public static ConsoleSink to(OutputStream out, Format format, int bufferSizeBytes) {
        return new ConsoleSink(out, format, bufferSizeBytes);
    }

    @Override
    public void write(LogEvent event) {
        int start = buffer.length();
        try {
            format.format(event, buffer);
        } catch (RuntimeException | Error e) {
            buffer.truncate(start);
            throw e;
        }
        if (buffer.length() >= bufferSizeBytes) {
            try {
                writeOut();
            } catch (IOException e) {
                earlyFailure = e;
            }
        }
    }

    /**
     * Writes the buffered bytes.
     *
     * @throws IOException when this write, or an early write-out since the last flush, failed; the bytes
     *         concerned are discarded
     */
    @Override
    public void flush() throws IOException {
        IOException failed = earlyFailure;
        earlyFailure = null;
        try {
            if (buffer.length() > 0) {
                writeOut();
            }
        } catch (IOException e) {
            if (failed != null) {
                e.addSuppressed(failed);
            }
            throw e;
        }
        if (failed != null) {
            throw failed;
        }
    }

    private void writeOut() throws IOException {
        try {
            buffer.writeTo(out);
            out.flush();
        } finally {
            buffer.clear();
        }
    }

    /** Flushes; the stream stays open, since this sink does not own it. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
