package dev.spool.sink;

import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gzips rotated files on one daemon thread ({@code spool-gzip-N}), so the writer thread never compresses.
 *
 * <p>A single-process sink also has the active file compressed behind its writer ({@link #follow},
 * {@link #grewTo}; {@link GzipFollower}): then a rotation only has the last step of the file left, and on
 * two cores little compression remains for after the last event. A rotated file that was not followed
 * (multi-process mode, or the follower lost track of it) is compressed whole to {@code name.gz.tmp},
 * renamed to {@code name.gz} and only then deleted. Either way a crash at any point leaves either the
 * uncompressed file or a complete {@code .gz}. Failures are reported through {@link Diagnostics} and the
 * uncompressed file is kept.
 *
 * <p>{@link #submit}, {@link #follow}, {@link #grewTo}, {@link #rotated} and {@link #close} are called by
 * the sink's writer thread; everything they queue runs in order on the compressor's thread.
 */
final class BackupCompressor {

    /** How much the active file grows between two steps of compressing behind the writer: one chunk. */
    static final int STEP_BYTES = 1 << 20;
    /**
     * Threads deflating chunks with zlib: two, so that compression left after the last event uses both of two
     * cores. The fast encoder gets one: it keeps up with the writer alone, and a second thread made no
     * measurable difference (docs/decisions/fast-deflate.md).
     */
    private static final int ZLIB_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());
    /**
     * Spool's own encoder ({@link ChunkDeflater#FAST}): on log text no larger than zlib's fastest level, for
     * less CPU (docs/decisions/fast-deflate.md). zlib at level 1 had replaced the JDK's default 6, which Log4j 2
     * and Logback use, for a third to a half of the CPU and backups 11-22% larger (decisions/bench-services.md).
     */
    static final int DEFAULT_LEVEL = ChunkDeflater.FAST;

    private final int level;
    private final int deflateThreads;
    /** Chunks queued or deflating at once: enough to keep every deflating thread busy. */
    private final int chunksInFlight;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("spool-gzip"));
    /** Whether an {@link #advance} is queued: the writer queues at most one however fast the file grows. */
    private final AtomicBoolean advanceQueued = new AtomicBoolean();
    private volatile long followedBytes;
    private volatile boolean closing;
    // the compressor thread's own, made on first use
    private ChunkDeflater deflater;
    private GzipFollower follower;

    /** Compresses with Spool's own encoder ({@link ChunkDeflater#FAST}) or zlib at 1 (fastest) to 9 (smallest). */
    BackupCompressor(int level) {
        if (level < ChunkDeflater.FAST || level > 9) {
            throw new IllegalArgumentException("gzip level must be 0 (fast) or 1 to 9, was " + level);
        }
        this.level = level;
        this.deflateThreads = level == ChunkDeflater.FAST ? 1 : ZLIB_THREADS;
        this.chunksInFlight = 2 * deflateThreads;
    }

    /** Queues {@code file} for compression as a whole, then {@code after}; returns at once. */
    void submit(Path file, Runnable after) {
        run(file, () -> {
            compress(file);
            after.run();
        });
    }

    /**
     * Starts compressing the active file {@code active} behind the writer, if {@code active} still names the
     * file the writer opened ({@code writerFileKey}). Writer thread.
     *
     * @return whether it follows the file; if not, its rotation compresses the backup whole
     */
    boolean follow(Path active, Object writerFileKey) {
        if (writerFileKey == null || closing) {
            return false;
        }
        FileChannel reader;
        try {
            reader = FileChannel.open(active, StandardOpenOption.READ);
        } catch (IOException e) {
            return false;
        }
        try {
            if (!writerFileKey.equals(Files.readAttributes(active, BasicFileAttributes.class).fileKey())) {
                reader.close(); // replaced between the writer's open and ours
                return false;
            }
        } catch (IOException e) {
            GzipFollower.closeQuietly(reader);
            return false;
        }
        followedBytes = 0;
        if (!run(active, () -> startFollowing(reader, writerFileKey, active))) {
            GzipFollower.closeQuietly(reader);
            return false;
        }
        return true;
    }

    /** Tells the compressor the followed file holds {@code bytes} now; queues a step unless one is queued. Writer thread. */
    void grewTo(long bytes) {
        followedBytes = bytes;
        if (advanceQueued.compareAndSet(false, true) && !run(null, this::advance)) {
            advanceQueued.set(false);
        }
    }

    /** Queues the compression of the rotated {@code backup} (the rest of it, if followed), then {@code after}. */
    void rotated(Path backup, Runnable after) {
        run(backup, () -> {
            finishRotated(backup);
            after.run();
        });
    }

    private boolean run(Path file, Runnable job) {
        try {
            executor.execute(job);
            return true;
        } catch (RejectedExecutionException e) {
            if (file != null) {
                Diagnostics.warn("sink.gzip", "not compressing " + file + ": the sink is closing", e);
            }
            return false;
        }
    }

    private void startFollowing(FileChannel reader, Object fileKey, Path active) {
        dropFollower();
        follower = new GzipFollower(reader, fileKey, GzipFollower.partialOf(active), deflater(), STEP_BYTES,
                chunksInFlight);
    }

    private void advance() {
        advanceQueued.set(false);
        if (follower == null) {
            return;
        }
        try {
            follower.advance(followedBytes, () -> closing);
        } catch (IOException e) {
            Diagnostics.warn("sink.gzip", "could not compress the active file behind the writer; its backup will"
                    + " be compressed after rotation", e);
            dropFollower();
        }
    }

    private void finishRotated(Path backup) {
        GzipFollower followed = follower;
        follower = null;
        if (followed != null && followed.follows(backup)) {
            finish(followed, backup);
            return;
        }
        if (followed != null) {
            followed.abandon();
        }
        compress(backup);
    }

    private void compress(Path file) {
        FileChannel source;
        try {
            source = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException gone) {
            return; // retention deleted the backup first: nothing to keep
        } catch (IOException e) {
            Diagnostics.warn("sink.gzip", "could not compress " + file + "; it is kept uncompressed", e);
            return;
        }
        finish(new GzipFollower(source, null, GzipFollower.partialOf(file), deflater(), STEP_BYTES, chunksInFlight),
                file);
    }

    /** Completes {@code gzip} as {@code file}'s {@code .gz}; on failure keeps {@code file} and reports it. */
    private static void finish(GzipFollower gzip, Path file) {
        try {
            gzip.finishAs(file);
        } catch (IOException e) {
            gzip.abandon();
            if (Files.exists(file)) {
                Diagnostics.warn("sink.gzip", "could not compress " + file + "; it is kept uncompressed", e);
            }
        }
    }

    /** Deletes a file whose complete {@code .gz} is in place; reports a failure. */
    static void deleteCompressed(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Diagnostics.warn("sink.gzip", "compressed " + file + " but could not delete it", e);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stray .gz.tmp is harmless: retention never counts it and the next attempt overwrites it
        }
    }

    private ChunkDeflater deflater() {
        if (deflater == null) {
            deflater = new ChunkDeflater(level, deflateThreads);
        }
        return deflater;
    }

    private void dropFollower() {
        if (follower != null) {
            follower.abandon();
            follower = null;
        }
    }

    /**
     * Stops compressing the active file (its partial gzip is deleted: the file was not rotated), stops taking
     * jobs and waits up to {@code wait} for the queued rotations. Restores the interrupt flag.
     */
    void close(Duration wait) {
        closing = true;
        run(null, () -> {
            dropFollower();
            if (deflater != null) {
                deflater.close();
            }
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                Diagnostics.warn("sink.gzip", "compression still running after " + wait + "; left to finish", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
