package dev.spool.forward;

import dev.spool.format.JsonFormat;
import dev.spool.sink.SinkOverflowException;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code forward} destination: sends events as JSON Lines to a collector and keeps each one until the
 * collector acknowledges it as written (at-least-once). A batch waits in memory ({@link MemoryTier}) and
 * is sent from there; one not acknowledged within {@link ForwardSettings#SPILL_AFTER}, or pushed out by
 * {@code maxMemory}, goes to the durable spill queue, and so does everything unacknowledged at close.
 * The queue's records are always older than the batches in memory, and everything unacknowledged is
 * sent oldest first after a reconnect or by the next process with the same spill; the collector drops
 * what it already wrote by the events' ids.
 *
 * <p>{@link #write} formats into memory only; {@link #flush} seals the batch, (re)connects when due,
 * reads acknowledgements, sends at most {@link ForwardSettings#maxBytesPerFlush()} and spills what is due,
 * so a long backlog never holds the writer thread for long. While anything is unacknowledged
 * {@link #hasBacklog()} is true and the pipeline keeps calling {@link #flush}. Not thread-safe: the writer
 * thread calls every method, as {@link Sink} requires.
 */
final class ForwardSink implements Sink {

    private static final long MIN_RETRY_NANOS = 50_000_000L;
    private static final long MAX_RETRY_NANOS = 2_000_000_000L;

    private final ForwardSettings settings;
    private final String name;
    private final Format format = JsonFormat.of();
    private final ByteBuilder line = new ByteBuilder(1024);
    private final MemoryTier memory = new MemoryTier();
    private final DurableQueue queue;
    private final DurableQueue.Reader reader;
    private final SentRecords sent = new SentRecords();
    private final SentRecords.Release release = this::released;
    private final long maxBatchBytes;
    private final long spillAfterNanos = ForwardSettings.SPILL_AFTER.toNanos();
    /** Payload bytes the queue had room for when last asked; only this thread's appends make it smaller. */
    private long room = -1;
    /** How many of the oldest memory batches were sent on this link (after every queue record). */
    private int memorySent;
    private CollectorLink link;
    private long retryNanos = MIN_RETRY_NANOS;
    private long nextAttemptNanos;
    /** The batch whose first {@link #resumeSkipLines} lines the collector acknowledged on an earlier link. */
    private long resumeKey = Long.MIN_VALUE;
    private int resumeSkipLines;
    /** Events this destination took in through {@link #write}. */
    private long accepted;
    /** Events the queue held when the destination opened (an earlier process's, or adopted): sent first. */
    private long inherited;
    /** Events the collector acknowledged since the destination opened, inherited ones included. */
    private long delivered;
    /** Of the events this destination took in, those not yet acknowledged; read by other threads. */
    private volatile long heldOwn;
    private volatile long heldAll;
    private volatile long deliveredAll;

    ForwardSink(ForwardSettings settings, String name) throws IOException {
        this.settings = settings;
        this.name = name;
        Path legacy = LegacySpill.moveAside(settings.spillPath());
        this.queue = DurableQueue.open(settings.queue());
        this.maxBatchBytes = Math.min(settings.maxMemoryBytes(), queue.maxPayloadBytes());
        this.reader = queue.reader();
        try {
            if (legacy != null) {
                LegacySpill.takeUp(legacy, queue, maxBatchBytes);
            }
            if (settings.spillDir() != null) {
                adoptOrphans();
            }
            inherited = queue.pendingEvents();
            heldAll = inherited;
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /**
     * Takes over the queues in the shared spill directory whose owner is gone: appends their records to this
     * destination's queue, oldest queue first, committing each in its old queue once appended, and deletes
     * the old queue when it is empty. A crash in between leaves a record in both: it is sent twice and the
     * collector drops the second by id. What does not fit stays for the next adopter.
     */
    private void adoptOrphans() throws IOException {
        for (Path orphan : SpillDirectory.candidates(settings.spillDir(), settings.spillPath())) {
            DurableQueue old = SpillDirectory.tryOpen(orphan);
            if (old == null) {
                continue; // its owner is alive, or another process adopts it
            }
            long taken = 0;
            try (DurableQueue.Reader r = old.reader()) {
                r.seek(old.committedPosition());
                byte[] copy = new byte[0];
                while (r.next()) {
                    ByteBuffer payload = r.payload();
                    int length = payload.remaining();
                    if (copy.length < length) {
                        copy = new byte[length];
                    }
                    payload.get(payload.position(), copy, 0, length);
                    if (length > queue.maxPayloadBytes() || !queue.append(copy, 0, length, r.events())) {
                        break;
                    }
                    old.commit(r.recordEnd(), r.events());
                    taken += r.events();
                }
            } finally {
                long left = old.pendingEvents();
                if (old.closeAndDeleteIfEmpty()) {
                    Diagnostics.info("destination '" + name + "': adopted " + taken + " undelivered events left in "
                            + orphan + " by a process that ended");
                } else {
                    Diagnostics.info("destination '" + name + "': adopted " + taken + " undelivered events left in "
                            + orphan + "; " + left + " more stay there (the spill queue " + settings.spillPath()
                            + " is full)");
                }
            }
        }
    }

    /**
     * Formats the event into the open batch. Throws {@link SinkOverflowException}, keeping nothing, when
     * memory is at {@code maxMemory} and the spill queue has no room for its oldest batch.
     */
    /** Ledgers travel to the collector with the events (docs/audit.md). */
    @Override
    public boolean acceptsLedgers() {
        return true;
    }

    @Override
    public void write(LogEvent event) throws IOException {
        line.clear();
        format.format(event, line);
        if (line.length() > settings.maxEventBytes()) {
            throw new IOException("event of " + line.length() + " bytes is larger than maxEventBytes ("
                    + settings.maxEventBytes() + "); not forwarded");
        }
        if (memory.openLines() > 0 && memory.openBytes() + line.length() > maxBatchBytes) {
            memory.seal(System.nanoTime());
        }
        while (memory.bytes() + line.length() > settings.maxMemoryBytes() && memory.size() > 0) {
            if (!spillOldest()) {
                throw new SinkOverflowException("forward: " + held() + " events wait for acknowledgement, memory"
                        + " is at maxMemory and the spill queue " + settings.spillPath() + " is at its bound of "
                        + settings.maxSpillBytes() + " bytes", memory.bytes() + queue.diskBytes(), null);
            }
        }
        memory.append(line);
        accepted++;
        // the counts are published by the flush that ends every batch of writes: the pipeline's stats read
        // them under the writer's lock, so never between a write and its batch's flush
    }

    /** Publishes the held and delivered counts for other threads ({@link #heldEvents()}, {@link #health()}). */
    private void updateCounts() {
        long held = memory.heldLines() + queue.pendingEvents();
        heldAll = held;
        deliveredAll = delivered;
        // Acknowledgements come oldest first, and the inherited events are the oldest: they go first.
        long inheritedLeft = Math.max(0, inherited - delivered);
        heldOwn = Math.min(accepted, Math.max(0, held - inheritedLeft));
    }

    @Override
    public long heldEvents() {
        return heldOwn;
    }

    @Override
    public java.util.Map<String, Object> health() {
        return java.util.Map.of("held", heldAll, "delivered", deliveredAll, "spill", settings.spillPath().toString());
    }

    /**
     * Moves the oldest memory batch to the spill queue; false if the queue has no room for it. A batch
     * already sent on this link stays sent: the reader moves past its new record.
     */
    private boolean spillOldest() throws IOException {
        int length = memory.length(0);
        if (length > room) {
            room = queue.roomBytes();
            if (length > room) {
                return false;
            }
        }
        long start = queue.appendedPosition();
        if (!queue.append(memory.array(), memory.start(0), length, memory.lines(0))) {
            return false;
        }
        room = -1;
        long end = queue.appendedPosition();
        long key = SentRecords.memoryKey(memory.id(0));
        if (memorySent > 0) {
            sent.moved(key, start, end);
            memorySent--;
            reader.seek(end);
        }
        if (resumeKey == key) {
            resumeKey = start;
        }
        memory.removeOldest();
        return true;
    }

    private void spillDue(long now) throws IOException {
        while (memory.size() > 0 && now - memory.sealedAt(0) >= spillAfterNanos && spillOldest()) {
            // each pass moves the oldest batch that has waited too long
        }
    }

    @Override
    public void flush() throws IOException {
        long now = System.nanoTime();
        memory.seal(now);
        if (link != null || connectIfDue(now)) {
            exchange();
        }
        spillDue(now);
        queue.syncIfDue();
        updateCounts();
    }

    @Override
    public boolean hasBacklog() {
        return memory.openLines() > 0 || unacknowledged();
    }

    private boolean unacknowledged() {
        return memory.size() > 0 || queue.pendingBytes() > 0;
    }

    private long held() {
        return memory.heldLines() + queue.pendingEvents();
    }

    private boolean connectIfDue(long now) {
        if (!unacknowledged() || now - nextAttemptNanos < 0) {
            return false;
        }
        try {
            link = CollectorLink.open(settings.address(), settings.token(), settings.connectTimeout());
        } catch (IOException e) {
            nextAttemptNanos = now + retryNanos;
            retryNanos = Math.min(MAX_RETRY_NANOS, retryNanos * 2);
            Diagnostics.warn("forward.connect." + name, "destination '" + name + "' cannot reach the collector at "
                    + settings.address() + "; " + held() + " events wait, retrying", e);
            return false;
        }
        retryNanos = MIN_RETRY_NANOS;
        sent.reset();
        memorySent = 0;
        reader.seek(queue.committedPosition()); // everything not acknowledged goes again, oldest first
        return true;
    }

    private void exchange() {
        try {
            sent.acknowledge(link.pollAcks(), release);
            send();
            sent.acknowledge(link.pollAcks(), release);
        } catch (IOException e) {
            disconnect("lost the connection to the collector at " + settings.address(), e);
        }
    }

    private void released(long key, long end, int lines) throws IOException {
        delivered += lines;
        if (end >= 0) {
            queue.commit(end, lines);
        } else {
            memory.removeOldest(); // acknowledgements come in sending order, and memory is sent oldest first
            memorySent--;
        }
    }

    private void send() throws IOException {
        long budget = settings.maxBytesPerFlush();
        while (budget > 0) {
            if (reader.next()) {
                budget -= sendBatch(reader.payload(), reader.recordStart(), reader.recordEnd(), reader.events());
            } else if (memorySent < memory.size()) {
                int n = memorySent++;
                budget -= sendBatch(ByteBuffer.wrap(memory.array(), memory.start(n), memory.length(n)),
                        SentRecords.memoryKey(memory.id(n)), -1, memory.lines(n));
            } else {
                return;
            }
        }
    }

    private int sendBatch(ByteBuffer bytes, long key, long end, int lines) throws IOException {
        int skip = key == resumeKey ? resumeSkipLines : 0;
        if (skip > 0) {
            bytes.position(afterLines(bytes, skip));
        }
        int length = bytes.remaining();
        link.send(bytes, settings.sendTimeout());
        sent.sent(key, end, lines, skip);
        return length;
    }

    /** The index just after the first {@code lines} line feeds of {@code bytes} from its position. */
    private static int afterLines(ByteBuffer bytes, int lines) {
        int left = lines;
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            if (bytes.get(i) == '\n' && --left == 0) {
                return i + 1;
            }
        }
        return bytes.limit();
    }

    private void disconnect(String why, IOException cause) {
        try {
            sent.acknowledge(link.acked(), release); // acknowledgements read just before the connection broke
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        Diagnostics.warn("forward.link." + name, "destination '" + name + "': " + why + "; "
                + held() + " events wait, reconnecting", cause);
        closeLink();
        nextAttemptNanos = System.nanoTime() + retryNanos;
    }

    private void closeLink() {
        if (!sent.isEmpty()) {
            resumeKey = sent.oldestKey();
            resumeSkipLines = sent.oldestAckedLines();
        }
        memorySent = 0;
        if (link != null) {
            try {
                link.close();
            } catch (IOException ignored) {
                // the link is being dropped
            }
            link = null;
        }
    }

    /**
     * Sends what is left and waits up to the close timeout for its acknowledgement; whatever is still
     * unacknowledged goes to the spill queue for the next process, and the message says where.
     */
    @Override
    public void close() throws IOException {
        try {
            drain(System.nanoTime() + settings.closeTimeout().toNanos());
        } finally {
            closeLink();
            reader.close();
            keepTheRest();
        }
    }

    private void drain(long deadline) throws IOException {
        while (hasBacklog() && deadline - System.nanoTime() > 0) {
            flush();
            if (!hasBacklog()) {
                return;
            }
            long wait = Math.min(deadline - System.nanoTime(), MIN_RETRY_NANOS);
            if (link != null) {
                link.awaitInput(wait);
            } else if (wait > 0) {
                LockSupport.parkNanos(this, wait); // until the next connection attempt is due
            }
        }
    }

    private void keepTheRest() throws IOException {
        memory.seal(System.nanoTime());
        while (memory.size() > 0 && spillOldest()) {
            // oldest first, after what the queue holds already
        }
        long lost = memory.heldLines();
        long kept = queue.pendingEvents();
        updateCounts();
        if (!queue.closeAndDeleteIfEmpty()) {
            Diagnostics.info("destination '" + name + "': " + kept + " events held, not yet delivered: the"
                    + " collector at " + settings.address() + " did not acknowledge them; kept in "
                    + settings.spillPath() + (settings.spillDir() != null
                    ? " and sent by the next forwarder or collector that adopts " + settings.spillDir()
                    : " and sent by the next process that forwards with this spill location"));
        }
        if (lost > 0) {
            Diagnostics.warn("forward.lost." + name, "destination '" + name + "': the spill queue "
                    + settings.spillPath() + " is full; " + lost + " unacknowledged events are lost", null);
        }
    }
}
