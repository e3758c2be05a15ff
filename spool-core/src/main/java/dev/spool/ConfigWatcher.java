package dev.spool;

import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks a configuration file for changes every {@code config.watch} interval and hands a changed file
 * to be applied; one daemon thread ({@code spool-config-watch-N}) per watched file.
 *
 * <p>A change is a different SHA-256 of the content, read whole at every check: neither the modification
 * time (coarse on some file systems, kept by some copy tools) nor the size (an edit of one level name for
 * another of the same length) decides. A configuration file is a few kilobytes, so one read per interval
 * costs nothing that matters. docs/decisions/runtime-release.md says why this polls rather than use a
 * {@link java.nio.file.WatchService}. A file that cannot be read is reported once per state on stderr and
 * the running configuration stays; when it can be read again and differs, it is applied. At most
 * {@link #MAX_BYTES} are read.
 */
final class ConfigWatcher {

    /** Longest file read; a longer one (a wrong path, /dev/zero) is reported as unreadable. */
    static final int MAX_BYTES = 1 << 20;

    private final Path file;
    private final Duration interval;
    private final Consumer<Path> apply;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private byte[] lastDigest; // only the watch thread touches it after start
    private boolean unreadableReported;

    private ConfigWatcher(Path file, Duration interval, Consumer<Path> apply) {
        this.file = file;
        this.interval = interval;
        this.apply = apply;
    }

    /**
     * Starts watching {@code file}, taking its current content as the applied one.
     *
     * @param apply called on the watch thread with the file when its content changed; must not throw
     */
    static ConfigWatcher start(Path file, Duration interval, Consumer<Path> apply) {
        ConfigWatcher watcher = new ConfigWatcher(file, interval, apply);
        watcher.lastDigest = watcher.digest();
        DaemonThreads.named("spool-config-watch").newThread(watcher::run).start();
        return watcher;
    }

    /** Whether this watcher checks {@code path} every {@code every}. */
    boolean watches(Path path, Duration every) {
        return Objects.equals(file, path) && interval.equals(every);
    }

    /** Stops the checks; returns at once (also when called from the watch thread itself). */
    void stop() {
        stopped.countDown();
    }

    private void run() {
        try {
            while (!stopped.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // only a stop reaches here; nothing left to do
        }
    }

    private void check() {
        byte[] digest = digest();
        if (digest == null || Arrays.equals(digest, lastDigest)) {
            return;
        }
        lastDigest = digest; // an invalid file is reported once, not at every check until it is fixed
        if (stopped.getCount() > 0) {
            apply.accept(file);
        }
    }

    private byte[] digest() {
        try {
            byte[] content;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes(MAX_BYTES + 1);
            }
            if (content.length > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes, not a configuration file");
            }
            unreadableReported = false;
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (IOException | RuntimeException e) {
            if (!unreadableReported) {
                unreadableReported = true;
                Diagnostics.info("configuration file " + file + " cannot be read (" + e
                        + "); the running configuration stays, the file is checked again every " + interval);
            }
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
