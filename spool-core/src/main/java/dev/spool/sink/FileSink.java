package dev.spool.sink;

import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Appends formatted events to one file, creating it and its parent directories.
 *
 * <p>{@link #write} only formats into a buffer, writing out early once the buffer holds
 * {@code bufferSizeBytes}; {@link #flush} hands the rest to the operating system, normally in one system
 * call. Nothing is forced to the disk: a crash of the process loses nothing that was flushed, a crash of
 * the machine may.
 *
 * <p>When a write fails (disk full, I/O error) the unwritten bytes stay in the sink, {@link #hasBacklog()}
 * turns true and each {@link #flush} retries them; a failed flush throws but loses nothing. Events written
 * meanwhile join the backlog until it would exceed {@code maxBacklogBytes}; past that bound {@link #write}
 * throws {@link SinkOverflowException} for the event and does not keep it. The first successful flush
 * writes the whole backlog, in order, and the sink works as before. If the file was deleted or replaced
 * (checked at most once per {@code fileCheckInterval}) or its channel was closed, the next write-out
 * reopens the path.
 *
 * <p>Not thread-safe: one writer thread calls every method, as {@link Sink} requires.
 */
public final class FileSink implements Sink {

    /** Bytes buffered before a batch is written out early: 256 KiB. */
    public static final int DEFAULT_BUFFER_SIZE_BYTES = 256 * 1024;
    /** Bytes held back after a failure before events are refused: 8 MiB. */
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 8L * 1024 * 1024;
    /** How often the sink checks that its path still names the file it writes: 1 second. */
    public static final Duration DEFAULT_FILE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final AppendFile file;
    private boolean closed;

    private FileSink(AppendFile file) {
        this.file = file;
    }

    /** Opens {@code path} for appending with the default buffer size and backlog bound. */
    public static FileSink open(Path path, Format format) throws IOException {
        return builder(path, format).build();
    }

    public static Builder builder(Path path, Format format) {
        return new Builder(path, format);
    }

    /**
     * Formats the event into the buffer; may write out a full buffer.
     *
     * @throws SinkOverflowException when the backlog is at its bound; the event was not kept
     */
    @Override
    public void write(LogEvent event) throws IOException {
        checkOpen();
        file.append(event);
    }

    /**
     * Writes everything held to the file.
     *
     * @throws IOException when the write fails; the unwritten bytes stay for the next flush
     */
    @Override
    public void flush() throws IOException {
        checkOpen();
        file.flush();
    }

    /**
     * True when the format is Spool's JSON Lines schema unchanged ({@code format = json} without
     * {@code json.*} keys): then {@code spool audit --file} can read the ledgers back (docs/audit.md).
     */
    @Override
    public boolean acceptsLedgers() {
        return file.writesLedgers();
    }

    @Override
    public boolean hasBacklog() {
        return file.hasBacklog();
    }

    /**
     * Flushes and closes the file.
     *
     * @throws IOException when held bytes could not be written; they are lost and the message says how many
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            file.close();
        }
    }

    public Path path() {
        return file.path();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("file sink for " + file.path() + " is closed");
        }
    }

    /** Settings of a {@link FileSink}; each setter validates its value. */
    public static final class Builder {

        private final Path path;
        private final Format format;
        private int bufferSizeBytes = DEFAULT_BUFFER_SIZE_BYTES;
        private long maxBacklogBytes = DEFAULT_MAX_BACKLOG_BYTES;
        private Duration fileCheckInterval = DEFAULT_FILE_CHECK_INTERVAL;

        private Builder(Path path, Format format) {
            this.path = Objects.requireNonNull(path, "path");
            this.format = Objects.requireNonNull(format, "format");
        }

        /** Bytes a batch may buffer before it is written out early; 1 byte to 1 GiB. */
        public Builder bufferSizeBytes(int bytes) {
            this.bufferSizeBytes = AppendFile.checkBufferSize(bytes);
            return this;
        }

        /** Bytes held back after a write failure before events are refused; 0 to 1 GiB. */
        public Builder maxBacklogBytes(long bytes) {
            this.maxBacklogBytes = AppendFile.checkMaxBacklog(bytes);
            return this;
        }

        /** Least time between two checks that the path still names the open file; zero checks on every write-out. */
        public Builder fileCheckInterval(Duration interval) {
            this.fileCheckInterval = AppendFile.checkFileCheckInterval(interval);
            return this;
        }

        /** Opens the file (creating it and its directories) and returns the sink. */
        public FileSink build() throws IOException {
            AppendFile file = new AppendFile(path, format, bufferSizeBytes, maxBacklogBytes, fileCheckInterval);
            file.open();
            return new FileSink(file);
        }
    }
}
