package dev.spool.sink;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/**
 * When a rolling file rotates, and the move that rotates it.
 *
 * <p>The decision and the action are separate small steps so that a caller can surround them with an
 * inter-process lock: {@link #mayBeDue} is the cheap per-event test on the writer's own byte count,
 * {@link #due} decides on the file's real size (which counts other writers) and {@link #moveAside} renames
 * the closed file to a fresh backup name. The caller closes and reopens the channel around the move.
 *
 * <p>Size rule: the file rotates before an event is added once it holds {@code maxSizeBytes} or more, so
 * a file ends below {@code maxSizeBytes} plus its last event. Time rule: the first event at or after a
 * schedule boundary rotates the file. An empty file is never rotated.
 */
final class Rotation {

    private static final int MAX_COLLISIONS = 10_000;

    private final Path file;
    private final BackupNames names;
    private final long maxSizeBytes;
    private final Schedule schedule;
    private final ZoneId zone;
    private final Clock clock;
    private long nextSizeBytes;
    private long nextBoundaryMillis;

    /**
     * @param maxSizeBytes {@link Long#MAX_VALUE} when the file does not rotate by size
     */
    Rotation(Path file, BackupNames names, long maxSizeBytes, Schedule schedule, ZoneId zone, Clock clock) {
        this.file = file;
        this.names = names;
        this.maxSizeBytes = maxSizeBytes;
        this.schedule = schedule;
        this.zone = zone;
        this.clock = clock;
        this.nextSizeBytes = maxSizeBytes;
        this.nextBoundaryMillis = Long.MAX_VALUE;
    }

    /**
     * Starts the schedule from the file found at open: a file last written in an earlier period rotates
     * at the first event.
     */
    void start(long sizeBytes, long lastModifiedMillis) {
        long now = clock.millis();
        long from = sizeBytes > 0 ? Math.min(lastModifiedMillis, now) : now;
        nextBoundaryMillis = schedule.nextBoundaryMillis(from, zone);
    }

    /** Whether the scheduled boundary has come: in multi-process mode, time to read the shared state. */
    boolean boundaryPassed() {
        return nextBoundaryMillis != Long.MAX_VALUE && clock.millis() >= nextBoundaryMillis;
    }

    /** The next scheduled rotation, {@link Long#MAX_VALUE} for none. */
    long nextBoundaryMillis() {
        return nextBoundaryMillis;
    }

    /**
     * Takes the next boundary other processes agreed on (from the shared state). Ignored without a
     * schedule; a shared "none" (left by a process without one) starts this process's own schedule.
     */
    void adoptBoundary(long sharedMillis) {
        if (schedule == Schedule.NONE) {
            return;
        }
        nextBoundaryMillis = sharedMillis == Long.MAX_VALUE
                ? schedule.nextBoundaryMillis(clock.millis(), zone)
                : sharedMillis;
    }

    /** Cheap per-event test: whether {@link #due} is worth asking, given the bytes this writer counts. */
    boolean mayBeDue(long countedBytes) {
        return countedBytes >= nextSizeBytes
                || (nextBoundaryMillis != Long.MAX_VALUE && clock.millis() >= nextBoundaryMillis);
    }

    /** The decision, on the file's real size with nothing held back: rotate now? */
    boolean due(long realSizeBytes) {
        return realSizeBytes > 0 && (realSizeBytes >= nextSizeBytes || clock.millis() >= nextBoundaryMillis);
    }

    /** The size at which the file rotates, {@link Long#MAX_VALUE} when it does not rotate by size. */
    long maxSizeBytes() {
        return maxSizeBytes;
    }

    /**
     * Renames the (closed) active file to a backup name not taken by a file or its {@code .gz}.
     *
     * @return the backup's path
     */
    Path moveAside() throws IOException {
        long now = clock.millis();
        Path dir = file.toAbsolutePath().getParent();
        for (int index = 0; index < MAX_COLLISIONS; index++) {
            String name = names.name(now, index);
            Path target = dir.resolve(name);
            if (Files.exists(target) || Files.exists(dir.resolve(name + ".gz"))) {
                continue;
            }
            try {
                return Files.move(file, target);
            } catch (FileAlreadyExistsException raced) {
                // another process took the name between the check and the move: try the next one
            }
        }
        throw new IOException("no free backup name for " + file + " after " + MAX_COLLISIONS + " tries");
    }

    /**
     * Sets the next thresholds after a decision: {@code keptBytes} is what the active file now holds (0
     * after a rotation, its size when the rotation was not due or failed, so a failing move is retried
     * only after another {@code maxSizeBytes}, not on every event).
     */
    void scheduleNext(long keptBytes) {
        nextSizeBytes = keptBytes >= maxSizeBytes ? saturatedAdd(keptBytes, maxSizeBytes) : maxSizeBytes;
        long now = clock.millis();
        if (now >= nextBoundaryMillis) {
            nextBoundaryMillis = schedule.nextBoundaryMillis(now, zone);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
