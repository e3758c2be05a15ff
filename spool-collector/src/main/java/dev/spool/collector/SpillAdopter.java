package dev.spool.collector;

import dev.spool.forward.SpillDirectory;
import dev.spool.spi.LogEvent;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The collector's side of a shared spill directory ({@link CollectorConfig#spillDir()}, the
 * {@code spillDir} its workers forward with): queues there whose owner is gone (the worker ended while the
 * collector was away, or was killed) are adopted, one at a time: each record's lines are read as if a
 * client had sent them (strictly, de-duplicated by id), and the record is committed in the queue once the
 * pipeline has written and flushed them, exactly when a client would have been acknowledged. An emptied
 * queue is deleted. A crash in between sends the records again; the ids make that harmless.
 *
 * <p>Runs on the server thread, a bounded amount per round so connections are served meanwhile. Not
 * thread-safe; the counters it publishes are.
 */
final class SpillAdopter {

    private static final long SCAN_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long ROUND_BYTES = 4L << 20;

    private final Path dir;
    private final Intake intake;
    private final ArrayDeque<Path> candidates = new ArrayDeque<>();
    private byte[] copy = new byte[64 * 1024];
    private DurableQueue current;
    private DurableQueue.Reader reader;
    private Path currentPath;
    private long uncommittedEnd = -1;
    private long uncommittedEvents;
    private boolean exhausted;
    private long nextScanNanos;
    private volatile long adopted;
    private volatile long held;
    private volatile int queuesAdopted;

    SpillAdopter(Path dir, Intake intake) {
        this.dir = dir;
        this.intake = intake;
    }

    Path dir() {
        return dir;
    }

    /** Events taken from adopted queues and handled (written, duplicate or malformed). */
    long adopted() {
        return adopted;
    }

    /** Events still waiting in the queue being adopted. */
    long held() {
        return held;
    }

    /** Queues emptied and deleted. */
    int queuesAdopted() {
        return queuesAdopted;
    }

    /** One bounded step: commit what the pipeline made durable, else read on, else find the next queue. */
    void round(long now) {
        try {
            if (uncommittedEvents > 0) {
                commitIfDurable();
                return;
            }
            if (current == null && !openNext(now)) {
                return;
            }
            if (exhausted) {
                finish();
                return;
            }
            read();
            commitIfDurable();
        } catch (IOException | RuntimeException e) {
            Diagnostics.warn("collector.spill." + currentPath, "collector: cannot adopt the spill queue "
                    + currentPath + "; it stays for a later attempt", e);
            release();
        }
    }

    private boolean openNext(long now) throws IOException {
        if (candidates.isEmpty()) {
            if (now - nextScanNanos < 0) {
                return false;
            }
            nextScanNanos = now + SCAN_NANOS;
            candidates.addAll(SpillDirectory.candidates(dir, null));
        }
        while (!candidates.isEmpty()) {
            Path p = candidates.poll();
            DurableQueue q = SpillDirectory.tryOpen(p);
            if (q != null) {
                current = q;
                currentPath = p;
                reader = q.reader();
                reader.seek(q.committedPosition());
                exhausted = false;
                held = q.pendingEvents();
                return true;
            }
        }
        return false;
    }

    private void read() throws IOException {
        long budget = ROUND_BYTES;
        while (budget > 0) {
            if (!reader.next()) {
                exhausted = true;
                return;
            }
            ByteBuffer payload = reader.payload();
            int length = payload.remaining();
            if (copy.length < length) {
                copy = new byte[length];
            }
            payload.get(payload.position(), copy, 0, length);
            lines(copy, length);
            uncommittedEnd = reader.recordEnd();
            uncommittedEvents += reader.events();
            budget -= length;
        }
    }

    /** Hands every line of a record to the intake, as a session does with a client's lines. */
    private void lines(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                line(bytes, start, i - start);
                start = i + 1;
            }
        }
        if (start < length) {
            line(bytes, start, length - start); // a record's last line always ends with LF; be lenient
        }
    }

    private void line(byte[] bytes, int offset, int length) {
        int end = length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
        if (end == 0) {
            return;
        }
        if (end > intake.config().maxEventBytes()) {
            intake.refused(Reject.TOO_LARGE);
            return;
        }
        LogEvent event;
        try {
            event = intake.read(bytes, offset, end);
        } catch (RuntimeException e) {
            intake.refused(Reject.MALFORMED);
            return;
        }
        intake.ingest(event);
    }

    private void commitIfDurable() throws IOException {
        if (uncommittedEvents == 0 || !intake.durable()) {
            return;
        }
        current.commit(uncommittedEnd, uncommittedEvents);
        adopted += uncommittedEvents;
        held = current.pendingEvents();
        uncommittedEvents = 0;
        if (exhausted) {
            finish();
        }
    }

    private void finish() throws IOException {
        reader.close();
        Path p = currentPath;
        boolean deleted = current.closeAndDeleteIfEmpty();
        current = null;
        reader = null;
        held = 0;
        if (deleted) {
            queuesAdopted++;
            Diagnostics.info("collector: delivered the events left in " + p + " by a forwarder that ended");
        }
    }

    /** Closes the queue being adopted without committing more; what was not committed is read again later. */
    void release() {
        if (current == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            current.close();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
        current = null;
        reader = null;
        uncommittedEvents = 0;
        held = 0;
    }

    /** At stop: commits what was made durable, then lets the queue go. */
    void close() {
        try {
            if (uncommittedEvents > 0) {
                commitIfDurable();
            }
        } catch (IOException | RuntimeException ignored) {
            // read again by the next start
        }
        release();
    }
}
