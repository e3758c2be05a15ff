package dev.spool.sink;

import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link FileSink} that rotates its file by size, by time or both, and deletes old backups.
 *
 * <p>Rotation renames the active file to {@code <stem>.<yyyyMMdd-HHmmss-SSS>[-N]<ext>} in the same directory
 * (the time is when it rotated, in the configured zone; {@code -N} only on a name collision) and starts a
 * new one. Backups are never renamed again, so sorting by name sorts by time.
 *
 * <p>Size: before each event is added, the sink checks whether the file already holds {@code maxSizeBytes}
 * or more (counted by the writer, confirmed with the file's real size); if so it writes out what it holds,
 * rotates, then adds the event. A file therefore ends below {@code maxSizeBytes} plus its last event,
 * except after a write failure: a backlog always goes whole to the file it was meant for, which may then
 * exceed the size by the backlog. Time ({@code hourly} / {@code daily}): the first event at or after a
 * boundary of the zone rotates the file; a file left from an earlier period rotates at the first event.
 *
 * <p>With gzip, backups are compressed off the writer thread ({@link BackupCompressor}); in single-process
 * mode the active file is compressed behind the writer from half its maximum size into
 * {@code <file>.gz.tmp}, so a rotation only finishes the last chunk. {@code maxBackups} and {@code maxAge}
 * count a backup and its {@code .gz} as one. Failures of rotation, compression and retention are reported through
 * Spool's diagnostics and writing continues in the active file. Failure handling of writes is
 * {@link FileSink}'s. Not thread-safe: one writer thread calls every method.
 *
 * <p>With {@link Builder#multiProcess(boolean) multiProcess}, several processes (and several sinks of one
 * JVM) may write the same file: every write-out is one cycle under an exclusive lock on
 * {@code <file>.lock}, once per batch, which reopens a file another process rotated, ends a line a dead
 * writer left unfinished, appends the batch and rotates by the file's real size or the schedule shared in
 * {@code <file>.state}. A file then ends below {@code maxSizeBytes} plus one write-out of one process
 * (at most {@code bufferSizeBytes} plus an event). docs/multiprocess-files.md gives the exact rules.
 */
public final class RollingFileSink implements Sink {

    /** Backups kept by default: 10. */
    public static final int DEFAULT_MAX_BACKUPS = 10;
    /**
     * {@link Builder#gzipLevel}: Spool's own deflate encoder, faster than zlib's fastest level and no larger on
     * log text (docs/decisions/fast-deflate.md).
     */
    public static final int FAST_GZIP = 0;
    /** How long {@link #close()} waits for pending compressions: 5 seconds. */
    public static final Duration COMPRESSION_WAIT = Duration.ofSeconds(5);

    private final AppendFile file;
    private final Rotation rotation;
    private final Retention retention;
    private final BackupCompressor compressor;
    private final SharedRollingFile shared; // null in single-process mode
    /** The active file's size at which the compressor is next told it grew; never reached when not followed. */
    private long nextFollowBytes = Long.MAX_VALUE;
    private boolean closed;

    private RollingFileSink(AppendFile file, Rotation rotation, Retention retention, BackupCompressor compressor,
                            SharedRollingFile shared) {
        this.file = file;
        this.rotation = rotation;
        this.retention = retention;
        this.compressor = compressor;
        this.shared = shared;
    }

    public static Builder builder(Path path, Format format) {
        return new Builder(path, format);
    }

    /**
     * Rotates first if due, then formats the event into the buffer.
     *
     * @throws SinkOverflowException when the backlog is at its bound; the event was not kept
     */
    @Override
    public void write(LogEvent event) throws IOException {
        checkOpen();
        if (!file.hasBacklog() && rotation.mayBeDue(file.fileBytes() + file.heldBytes())) {
            if (shared == null) {
                rotateIfDue();
            } else {
                sharedWriteOutQuietly();
            }
        }
        file.append(event);
        if (shared != null && file.bufferFull()) {
            sharedWriteOutQuietly();
        } else if (file.fileBytes() >= nextFollowBytes) {
            compressor.grewTo(file.fileBytes());
            nextFollowBytes = file.fileBytes() + BackupCompressor.STEP_BYTES;
        }
    }

    /** As {@link FileSink#flush()}; in multi-process mode one cycle under the inter-process lock. */
    @Override
    public void flush() throws IOException {
        checkOpen();
        if (shared == null) {
            file.flush();
        } else {
            sharedWriteOut();
        }
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

    /** Flushes, closes the file and waits up to {@link #COMPRESSION_WAIT} for pending compressions. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (shared == null) {
                file.close();
            } else {
                closeShared();
            }
        } finally {
            if (compressor != null) {
                compressor.close(COMPRESSION_WAIT);
            }
        }
    }

    public Path path() {
        return file.path();
    }

    private void closeShared() throws IOException {
        IOException lost = null;
        try {
            sharedWriteOut();
        } catch (IOException e) {
            lost = new IOException(file.discardHeld() + " bytes for " + file.path()
                    + " could not be written before close", e);
        }
        try {
            file.close(); // holds nothing now, so it writes nothing outside the lock
        } finally {
            shared.close();
        }
        if (lost != null) {
            throw lost;
        }
    }

    private void sharedWriteOut() throws IOException {
        Path backup = shared.writeOut();
        if (backup != null) {
            afterRotation(backup);
        }
    }

    private void sharedWriteOutQuietly() {
        try {
            sharedWriteOut();
        } catch (IOException e) {
            // the bytes are a backlog now: flush() retries and reports
        }
    }

    private void afterRotation(Path backup) {
        if (compressor == null) {
            retention.apply();
        } else if (shared == null) {
            // Retention runs after the compression, on the same thread: run beside it, it could
            // delete a backup whose .gz the compressor then creates, keeping one too many.
            compressor.rotated(backup, retention::apply);
            followActiveFile();
        } else {
            compressor.submit(backup, retention::apply); // another process may write the next file too
        }
    }

    /**
     * Has the compressor gzip the active file behind this writer, when it can (single-process mode only),
     * from when the file holds half its maximum size: what was compressed of a file that is not rotated
     * before shutdown is thrown away, and starting halfway bounds that to half a file while leaving the
     * second half for the compressor to catch up on before the rotation.
     */
    private void followActiveFile() {
        long from = Math.max(BackupCompressor.STEP_BYTES, rotation.maxSizeBytes() == Long.MAX_VALUE
                ? 0 : rotation.maxSizeBytes() / 2);
        nextFollowBytes = compressor.follow(file.path(), file.fileKey()) ? from : Long.MAX_VALUE;
    }

    private void rotateIfDue() {
        if (!file.writeOutQuietly()) {
            return; // what is held goes whole to the current file first; flush() retries and reports
        }
        long size;
        try {
            size = file.realSize();
        } catch (IOException e) {
            rotation.scheduleNext(file.fileBytes());
            return;
        }
        if (!rotation.due(size)) {
            rotation.scheduleNext(size);
            return;
        }
        file.dropChannel();
        Path backup = moveAside();
        rotation.scheduleNext(backup == null ? size : 0);
        reopen();
        if (backup != null) {
            afterRotation(backup);
        }
    }

    private Path moveAside() {
        try {
            return rotation.moveAside();
        } catch (IOException e) {
            Diagnostics.warn("sink.rotate", "could not rotate " + file.path() + "; writing on to it", e);
            return null;
        }
    }

    private void reopen() {
        try {
            file.open();
        } catch (IOException e) {
            // the next write-out opens it again, and a failure there keeps the bytes and is reported
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("rolling file sink for " + file.path() + " is closed");
        }
    }

    /** Settings of a {@link RollingFileSink}; each setter validates its value, {@link #build()} the whole. */
    public static final class Builder {

        private final Path path;
        private final Format format;
        private long maxSizeBytes = Long.MAX_VALUE;
        private Schedule schedule = Schedule.NONE;
        private int maxBackups = DEFAULT_MAX_BACKUPS;
        private Duration maxAge;
        private boolean gzip;
        private int gzipLevel = BackupCompressor.DEFAULT_LEVEL;
        private ZoneId zone = ZoneId.systemDefault();
        private Clock clock = Clock.systemUTC();
        private int bufferSizeBytes = FileSink.DEFAULT_BUFFER_SIZE_BYTES;
        private long maxBacklogBytes = FileSink.DEFAULT_MAX_BACKLOG_BYTES;
        private Duration fileCheckInterval = FileSink.DEFAULT_FILE_CHECK_INTERVAL;
        private boolean multiProcess;

        private Builder(Path path, Format format) {
            this.path = Objects.requireNonNull(path, "path");
            this.format = Objects.requireNonNull(format, "format");
        }

        /** Rotates once the file holds this many bytes (see the class comment for the exact rule); at least 1. */
        public Builder maxSizeBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxSizeBytes must be at least 1, was " + bytes);
            }
            this.maxSizeBytes = bytes;
            return this;
        }

        /** Rotates at the first event of each hour of the zone. */
        public Builder hourly() {
            this.schedule = Schedule.HOURLY;
            return this;
        }

        /** Rotates at the first event of each day of the zone. */
        public Builder daily() {
            this.schedule = Schedule.DAILY;
            return this;
        }

        /** Backups kept, newest first; older ones are deleted after each rotation. At least 1. */
        public Builder maxBackups(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxBackups must be at least 1, was " + count);
            }
            this.maxBackups = count;
            return this;
        }

        /** Also deletes backups rotated longer ago than {@code age}; null keeps them whatever their age. */
        public Builder maxAge(Duration age) {
            if (age != null && (age.isZero() || age.isNegative())) {
                throw new IllegalArgumentException("maxAge must be positive, was " + age);
            }
            this.maxAge = age;
            return this;
        }

        /** Whether backups are gzipped, off the writer thread. */
        public Builder gzip(boolean compress) {
            this.gzip = compress;
            return this;
        }

        /**
         * How gzipped backups are deflated: {@link #FAST_GZIP} (the default) for Spool's own encoder, or the
         * JDK's zlib at level 1 (fastest) to 9 (smallest).
         */
        public Builder gzipLevel(int level) {
            if (level < FAST_GZIP || level > 9) {
                throw new IllegalArgumentException("gzip level must be " + FAST_GZIP + " (fast) or 1 to 9, was " + level);
            }
            this.gzipLevel = level;
            return this;
        }

        /** The zone of schedule boundaries and backup names; the system default unless set. */
        public Builder zone(ZoneId zoneId) {
            this.zone = Objects.requireNonNull(zoneId, "zone");
            return this;
        }

        /** The time source of schedules, backup names and {@code maxAge} (tests pass a fixed one). */
        public Builder clock(Clock source) {
            this.clock = Objects.requireNonNull(source, "clock");
            return this;
        }

        /** As {@link FileSink.Builder#bufferSizeBytes}. */
        public Builder bufferSizeBytes(int bytes) {
            this.bufferSizeBytes = AppendFile.checkBufferSize(bytes);
            return this;
        }

        /** As {@link FileSink.Builder#maxBacklogBytes}. */
        public Builder maxBacklogBytes(long bytes) {
            this.maxBacklogBytes = AppendFile.checkMaxBacklog(bytes);
            return this;
        }

        /** As {@link FileSink.Builder#fileCheckInterval}. */
        public Builder fileCheckInterval(Duration interval) {
            this.fileCheckInterval = AppendFile.checkFileCheckInterval(interval);
            return this;
        }

        /**
         * Whether several processes (or several sinks of this JVM) write this file at the same time; see
         * docs/multiprocess-files.md. Off by default: a single process needs no lock and writes faster.
         */
        public Builder multiProcess(boolean shared) {
            this.multiProcess = shared;
            return this;
        }

        /**
         * Opens the active file, applies retention to existing backups and returns the sink.
         *
         * @throws IllegalArgumentException when neither a maximum size nor a schedule is set
         */
        public RollingFileSink build() throws IOException {
            if (maxSizeBytes == Long.MAX_VALUE && schedule == Schedule.NONE) {
                throw new IllegalArgumentException("a rolling file needs maxSizeBytes, hourly() or daily()");
            }
            AppendFile file = new AppendFile(path, format, bufferSizeBytes, maxBacklogBytes, fileCheckInterval,
                    multiProcess);
            if (multiProcess) {
                return assembleShared(file);
            }
            file.open();
            try {
                return assemble(file);
            } catch (IOException | RuntimeException e) {
                file.dropChannel();
                throw e;
            }
        }

        private RollingFileSink assemble(AppendFile file) throws IOException {
            BackupNames names = new BackupNames(path.getFileName().toString(), zone);
            Rotation rotation = new Rotation(path, names, maxSizeBytes, schedule, zone, clock);
            rotation.start(file.fileBytes(), Files.getLastModifiedTime(path).toMillis());
            Retention retention = new Retention(path.toAbsolutePath().getParent(), names, maxBackups, maxAge, clock);
            retention.apply();
            Files.deleteIfExists(GzipFollower.partialOf(path)); // left by a crash: the active file is followed anew
            RollingFileSink sink = new RollingFileSink(file, rotation, retention,
                    gzip ? new BackupCompressor(gzipLevel) : null, null);
            if (gzip) {
                sink.followActiveFile();
            }
            return sink;
        }

        private RollingFileSink assembleShared(AppendFile file) throws IOException {
            BackupNames names = new BackupNames(path.getFileName().toString(), zone);
            Rotation rotation = new Rotation(path, names, maxSizeBytes, schedule, zone, clock);
            RotationState state = new RotationState(path.resolveSibling(path.getFileName() + ".state"), path,
                    settings());
            SharedRollingFile shared = SharedRollingFile.open(file, rotation, state);
            Retention retention = new Retention(path.toAbsolutePath().getParent(), names, maxBackups, maxAge, clock);
            retention.apply();
            return new RollingFileSink(file, rotation, retention, gzip ? new BackupCompressor(gzipLevel) : null, shared);
        }

        /** The settings processes sharing the file must agree on, as the state file records them. */
        private String settings() {
            return "maxSize=" + (maxSizeBytes == Long.MAX_VALUE ? "none" : Long.toString(maxSizeBytes))
                    + " schedule=" + schedule.name().toLowerCase(Locale.ROOT) + " timezone=" + zone.getId()
                    + " compress=" + (gzip ? "gzip" : "none") + " maxBackups=" + maxBackups
                    + " maxAge=" + (maxAge == null ? "none" : maxAge.toString());
        }
    }
}
