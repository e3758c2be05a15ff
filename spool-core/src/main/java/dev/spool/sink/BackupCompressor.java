package dev.spool.sink;

import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips rotated files on one daemon thread ({@code spool-gzip-N}), so the writer thread never compresses.
 *
 * <p>Each file is compressed to {@code name.gz.tmp}, renamed to {@code name.gz} and only then deleted, so
 * a crash or a failure at any point leaves either the uncompressed file or a complete {@code .gz}.
 * Failures are reported through {@link Diagnostics} and the uncompressed file is kept.
 */
final class BackupCompressor {

    private static final int BUFFER_BYTES = 64 * 1024;
    /**
     * Deflate's fastest level. On log text it made backups 11-22% larger than the JDK's default 6 (which Log4j 2
     * and Logback use) for a third to a half of the CPU, and kept a rolling file with gzip as fast as a plain one
     * on 2 cores where 6 halved it (docs/decisions/bench-services.md).
     */
    static final int DEFAULT_LEVEL = 1;

    private final int level;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("spool-gzip"));

    /** Compresses at deflate {@code level}: 1 is fastest, 9 smallest. */
    BackupCompressor(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("gzip level must be 1 to 9, was " + level);
        }
        this.level = level;
    }

    /** Queues {@code file} for compression, then {@code after}; returns at once. */
    void submit(Path file, Runnable after) {
        try {
            executor.execute(() -> {
                compress(file, level);
                after.run();
            });
        } catch (RejectedExecutionException e) {
            Diagnostics.warn("sink.gzip", "not compressing " + file + ": the sink is closing", e);
        }
    }

    static void compress(Path file, int level) {
        Path tmp = file.resolveSibling(file.getFileName() + ".gz.tmp");
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new LeveledGzip(Files.newOutputStream(tmp), level)) {
            in.transferTo(out);
        } catch (NoSuchFileException gone) {
            deleteQuietly(tmp); // retention deleted the backup first: nothing to keep
            return;
        } catch (IOException e) {
            Diagnostics.warn("sink.gzip", "could not compress " + file + "; it is kept uncompressed", e);
            deleteQuietly(tmp);
            return;
        }
        finish(file, tmp, gz);
    }

    private static void finish(Path file, Path tmp, Path gz) {
        try {
            Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Diagnostics.warn("sink.gzip", "could not rename " + tmp + "; " + file + " is kept uncompressed", e);
            deleteQuietly(tmp);
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Diagnostics.warn("sink.gzip", "compressed " + file + " but could not delete it", e);
        }
    }

    /** A gzip stream at a chosen deflate level (the JDK's constructor has no level). */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(level); // before any data: the header written so far does not depend on it
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stray .gz.tmp is harmless: retention never counts it and the next attempt overwrites it
        }
    }

    /** Stops taking jobs and waits up to {@code wait} for the queued ones. Restores the interrupt flag. */
    void close(Duration wait) {
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
