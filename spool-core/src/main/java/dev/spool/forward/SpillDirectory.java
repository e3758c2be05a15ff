package dev.spool.forward;

import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.durable.QueueSettings;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A directory shared by many forwarding processes (the {@code spillDir} option, usually named by the
 * parent or the collector that started them): each forward destination keeps its unacknowledged events
 * in a queue directory of its own inside it ({@code <destination>-<pid>-<random>.spill}), locked while
 * the destination is open. A queue whose lock can be taken has no owner any more (the process ended, or
 * was killed: the operating system released its lock); a later forwarder, or the collector itself,
 * <em>adopts</em> it: takes the lock, sends or takes over its events and deletes it once they are all
 * acknowledged. Thread-safe (stateless).
 */
public final class SpillDirectory {

    /** Suffix of a queue directory inside a spill directory. */
    public static final String SUFFIX = ".spill";

    /**
     * A queue directory younger than this is left alone even when unlocked: its owner may have created it
     * and not yet taken the lock.
     */
    public static final Duration GRACE = Duration.ofSeconds(2);

    private SpillDirectory() {
    }

    /** A fresh queue directory for one destination of this process inside {@code dir}. */
    static Path newQueue(Path dir, String destination) {
        return dir.resolve(destination + "-" + ProcessHandle.current().pid() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + SUFFIX);
    }

    /**
     * The queue directories in {@code dir}, other than {@code own}, old enough to be adopted, oldest first
     * (their owners may or may not still hold them: {@link #tryOpen} tells). Empty if {@code dir} does not exist.
     */
    public static List<Path> candidates(Path dir, Path own) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        Instant youngest = Instant.now().minus(GRACE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : entries) {
                try {
                    if (!p.equals(own) && Files.isDirectory(p)
                            && Files.getLastModifiedTime(p).toInstant().isBefore(youngest)) {
                        found.add(p);
                    }
                } catch (IOException gone) {
                    // deleted meanwhile by its owner or another adopter
                }
            }
        }
        found.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return 0;
            }
        });
        return found;
    }

    /**
     * Opens the queue in {@code queueDir} if nobody holds it; null if its owner (or another adopter) still
     * does, or it was deleted meanwhile.
     */
    public static DurableQueue tryOpen(Path queueDir) {
        if (!Files.isDirectory(queueDir)) {
            return null;
        }
        try {
            // Existing segments keep their size; these bounds only shape segments this queue would start.
            return DurableQueue.open(new QueueSettings(queueDir, 1L << 40, 1L << 20, Duration.ofMillis(200),
                    QueueSettings.WhenFull.BLOCK, Duration.ZERO));
        } catch (IOException inUse) {
            return null;
        }
    }
}
