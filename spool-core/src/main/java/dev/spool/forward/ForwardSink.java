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
 * collector acknowledges it as written (at-least-once). Accepted events go, one record per batch, to a
 * durable queue in the {@code spill} directory; they are sent from there and committed as the collector
 * acknowledges them. After a reconnect, or in the next process that opens the same spill directory,
 * everything unacknowledged is sent again, oldest first, and the collector drops what it already wrote
 * by the events' ids.
 *
 * <p>{@link #write} formats into memory only; {@link #flush} appends the batch to the queue, (re)connects
 * when due, reads acknowledgements and sends, at most {@link ForwardSettings#maxBytesPerFlush()} per call,
 * so a long backlog never holds the writer thread for long. While anything is unacknowledged
 * {@link #hasBacklog()} is true and the pipeline keeps calling {@link #flush}. {@link #close} waits up to
 * the close timeout for the last acknowledgements and leaves what is still unacknowledged in the queue.
 * Not thread-safe: the writer thread calls every method, as {@link Sink} requires.
 */
final class ForwardSink implements Sink {

    private static final long MIN_RETRY_NANOS = 50_000_000L;
    private static final long MAX_RETRY_NANOS = 2_000_000_000L;

    private final ForwardSettings settings;
    private final String name;
    private final Format format = JsonFormat.of();
    private final ByteBuilder line = new ByteBuilder(1024);
    private final ByteBuilder batch = new ByteBuilder(64 * 1024);
    private final DurableQueue queue;
    private final DurableQueue.Reader reader;
    private final SentRecords sent = new SentRecords();
    private final long maxBatchBytes;
    private int batchLines;
    /** Payload bytes the queue had room for when last asked; only this thread's appends make it smaller. */
    private long room = -1;
    /** Where the batch appended by this flush starts, while it is still in {@link #batch}; else -1. */
    private long freshStart = -1;
    private long freshEnd;
    private int freshLines;
    /** The queue position up to which this link has sent (the reader's position). */
    private long sentUpTo;
    private CollectorLink link;
    private long retryNanos = MIN_RETRY_NANOS;
    private long nextAttemptNanos;
    /** The record whose first {@link #resumeSkipLines} lines the collector acknowledged on an earlier link. */
    private long resumeRecord = -1;
    private int resumeSkipLines;

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
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /**
     * Formats the event into the current batch. Throws {@link SinkOverflowException}, keeping nothing,
     * when the spill queue has no room for the batch with this event in it.
     */
    @Override
    public void write(LogEvent event) throws IOException {
        line.clear();
        format.format(event, line);
        if (line.length() > settings.maxEventBytes()) {
            throw new IOException("event of " + line.length() + " bytes is larger than maxEventBytes ("
                    + settings.maxEventBytes() + "); not forwarded");
        }
        if (batchLines > 0 && batch.length() + line.length() > maxBatchBytes) {
            appendBatch();
            batch.clear(); // sent from the queue, not from memory
            freshStart = -1;
        }
        long need = batch.length() + line.length();
        if (need > room) {
            room = queue.roomBytes(); // asked once per batch or so, not per event: the queue's lock costs
        }
        if (need > room) {
            throw new SinkOverflowException("forward: " + (queue.pendingEvents() + batchLines) + " events wait for"
                    + " acknowledgement and the spill queue " + settings.spillPath() + " is at its bound of "
                    + settings.maxSpillBytes() + " bytes", queue.diskBytes(), null);
        }
        batch.append(line);
        batchLines++;
    }

    /**
     * Appends the batch to the queue, leaving its bytes in {@link #batch} for the caller. {@link #write}
     * checked there is room; on a disk error the batch stays to be appended again.
     */
    private void appendBatch() throws IOException {
        if (batchLines == 0) {
            return;
        }
        long start = queue.appendedPosition();
        if (!queue.append(batch, batchLines)) {
            throw new IOException("forward: the spill queue " + settings.spillPath() + " refused a batch");
        }
        room = -1;
        freshStart = start;
        freshEnd = queue.appendedPosition();
        freshLines = batchLines;
        batchLines = 0;
    }

    /**
     * Appends the batch to the queue, then sends what the collector has not had yet: from the queue, or,
     * for the batch just appended when everything before it is sent, straight from memory (it is the same
     * bytes, and reading them back would cost a copy and a checksum).
     */
    @Override
    public void flush() throws IOException {
        try {
            appendBatch();
            if (link != null || connectIfDue()) {
                exchange();
            }
        } finally {
            freshStart = -1;
            if (batchLines == 0) {
                batch.clear();
            }
        }
        queue.syncIfDue();
    }

    private void exchange() {
        try {
            takeAcks();
            send();
            takeAcks();
        } catch (IOException e) {
            disconnect("lost the connection to the collector at " + settings.address(), e);
        }
    }

    @Override
    public boolean hasBacklog() {
        return batchLines > 0 || queue.pendingBytes() > 0;
    }

    private boolean connectIfDue() {
        long now = System.nanoTime();
        if (queue.pendingBytes() == 0 || now - nextAttemptNanos < 0) {
            return false;
        }
        try {
            link = CollectorLink.open(settings.address(), settings.token(), settings.connectTimeout());
        } catch (IOException e) {
            nextAttemptNanos = now + retryNanos;
            retryNanos = Math.min(MAX_RETRY_NANOS, retryNanos * 2);
            Diagnostics.warn("forward.connect." + name, "destination '" + name + "' cannot reach the collector at "
                    + settings.address() + "; " + queue.pendingEvents() + " events wait, retrying", e);
            return false;
        }
        retryNanos = MIN_RETRY_NANOS;
        sent.reset();
        sentUpTo = queue.committedPosition();
        reader.seek(sentUpTo); // everything not acknowledged goes again
        return true;
    }

    private void takeAcks() throws IOException {
        sent.acknowledge(link.pollAcks(), queue);
    }

    private void send() throws IOException {
        long budget = settings.maxBytesPerFlush();
        while (budget > 0) {
            if (sentUpTo == freshStart) {
                budget -= sendFresh();
            } else if (reader.next()) {
                budget -= sendRead();
            } else {
                return;
            }
        }
    }

    private int sendFresh() throws IOException {
        link.send(ByteBuffer.wrap(batch.array(), 0, batch.length()), settings.sendTimeout());
        sent.sent(freshStart, freshEnd, freshLines, 0);
        sentUpTo = freshEnd;
        reader.seek(freshEnd);
        return batch.length();
    }

    private int sendRead() throws IOException {
        ByteBuffer payload = reader.payload();
        int skip = reader.recordStart() == resumeRecord ? resumeSkipLines : 0;
        if (skip > 0) {
            payload.position(afterLines(payload, skip));
        }
        int bytes = payload.remaining();
        link.send(payload, settings.sendTimeout());
        sent.sent(reader.recordStart(), reader.recordEnd(), reader.events(), skip);
        sentUpTo = reader.recordEnd();
        return bytes;
    }

    /** The offset just after the first {@code lines} line feeds of {@code payload}. */
    private static int afterLines(ByteBuffer payload, int lines) {
        int left = lines;
        for (int i = 0; i < payload.limit(); i++) {
            if (payload.get(i) == '\n' && --left == 0) {
                return i + 1;
            }
        }
        return payload.limit();
    }

    private void disconnect(String why, IOException cause) {
        try {
            sent.acknowledge(link.acked(), queue); // acknowledgements read just before the connection broke
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        Diagnostics.warn("forward.link." + name, "destination '" + name + "': " + why + "; "
                + queue.pendingEvents() + " events wait, reconnecting", cause);
        closeLink();
        nextAttemptNanos = System.nanoTime() + retryNanos;
    }

    private void closeLink() {
        if (!sent.isEmpty()) {
            resumeRecord = sent.oldestStart();
            resumeSkipLines = sent.oldestAckedLines();
        }
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
     * unacknowledged stays in the spill queue for the next process, and the message says where.
     */
    @Override
    public void close() throws IOException {
        try {
            drain(System.nanoTime() + settings.closeTimeout().toNanos());
        } finally {
            closeLink();
            reader.close();
            long left = queue.pendingEvents() + batchLines;
            if (!queue.closeAndDeleteIfEmpty()) {
                Diagnostics.info("destination '" + name + "': " + left + " events were not acknowledged by the"
                        + " collector at " + settings.address() + "; kept in " + settings.spillPath()
                        + " and sent by the next process that forwards with this spill location");
            }
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
}
