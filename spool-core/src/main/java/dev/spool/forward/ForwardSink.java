package dev.spool.forward;

import dev.spool.format.JsonFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code forward} destination: sends events as JSON Lines to a collector and keeps each one until the
 * collector acknowledges it as written (at-least-once). Unacknowledged events wait in memory, then in a
 * spill file; after a reconnect they are sent again, oldest first, and the collector drops the ones it
 * already wrote by their id.
 *
 * <p>{@link #write} formats into memory only; {@link #flush} (re)connects when due, reads
 * acknowledgements and sends what is new, at most {@link ForwardSettings#maxBytesPerFlush()} per call, so
 * a long backlog never holds the writer thread for long. While anything is unacknowledged
 * {@link #hasBacklog()} is true and the pipeline keeps calling {@link #flush}. {@link #close} waits up to
 * the close timeout for the last acknowledgements and leaves what is still unacknowledged in the spill
 * file. Not thread-safe: the writer thread calls every method, as {@link Sink} requires.
 */
final class ForwardSink implements Sink {

    private static final long MIN_RETRY_NANOS = 50_000_000L;
    private static final long MAX_RETRY_NANOS = 2_000_000_000L;

    private final ForwardSettings settings;
    private final String name;
    private final Format format = JsonFormat.of();
    private final ByteBuilder line = new ByteBuilder(1024);
    private final Unacked unacked;
    private CollectorLink link;
    private long linkBase;
    private long retryNanos = MIN_RETRY_NANOS;
    private long nextAttemptNanos;

    ForwardSink(ForwardSettings settings, String name) throws IOException {
        this.settings = settings;
        this.name = name;
        this.unacked = new Unacked(settings.maxMemoryBytes(), settings.spillPath(), settings.maxSpillBytes());
    }

    @Override
    public void write(LogEvent event) throws IOException {
        line.clear();
        format.format(event, line);
        if (line.length() > settings.maxEventBytes()) {
            throw new IOException("event of " + line.length() + " bytes is larger than maxEventBytes ("
                    + settings.maxEventBytes() + "); not forwarded");
        }
        unacked.append(line);
    }

    @Override
    public void flush() throws IOException {
        if (link == null && !connectIfDue()) {
            return;
        }
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
        return !unacked.isEmpty();
    }

    private boolean connectIfDue() {
        long now = System.nanoTime();
        if (unacked.isEmpty() || now - nextAttemptNanos < 0) {
            return false;
        }
        try {
            link = CollectorLink.open(settings.address(), settings.token(), settings.connectTimeout());
        } catch (IOException e) {
            nextAttemptNanos = now + retryNanos;
            retryNanos = Math.min(MAX_RETRY_NANOS, retryNanos * 2);
            Diagnostics.warn("forward.connect." + name, "destination '" + name + "' cannot reach the collector at "
                    + settings.address() + "; " + unacked.size() + " events wait, retrying", e);
            return false;
        }
        retryNanos = MIN_RETRY_NANOS;
        linkBase = unacked.firstSeq();
        unacked.rewind(); // everything not acknowledged goes again; the collector drops what it has
        return true;
    }

    private void takeAcks() throws IOException {
        long ackedThrough = linkBase + link.pollAcks();
        if (ackedThrough > unacked.firstSeq()) {
            unacked.acknowledge(ackedThrough - unacked.firstSeq());
        }
    }

    private void send() throws IOException {
        long budget = settings.maxBytesPerFlush();
        ByteBuffer chunk;
        while (budget > 0 && (chunk = unacked.nextChunk()) != null) {
            if (chunk.remaining() > budget) {
                chunk.limit(chunk.position() + (int) budget);
            }
            int n = link.send(chunk, settings.sendTimeout());
            unacked.sent(n);
            budget -= n;
        }
    }

    private void disconnect(String why, IOException cause) {
        Diagnostics.warn("forward.link." + name, "destination '" + name + "': " + why + "; "
                + unacked.size() + " events wait, reconnecting", cause);
        closeLink();
        nextAttemptNanos = System.nanoTime() + retryNanos;
    }

    private void closeLink() {
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
     * unacknowledged stays in the spill file, and the message says where.
     */
    @Override
    public void close() throws IOException {
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (!unacked.isEmpty() && deadline - System.nanoTime() > 0) {
            flush();
            if (unacked.isEmpty()) {
                break;
            }
            long wait = Math.min(deadline - System.nanoTime(), MIN_RETRY_NANOS);
            if (link != null) {
                link.awaitInput(wait);
            } else if (wait > 0) {
                LockSupport.parkNanos(this, wait); // until the next connection attempt is due
            }
        }
        closeLink();
        if (!unacked.isEmpty()) {
            Diagnostics.info("destination '" + name + "': " + unacked.size() + " events were not acknowledged by "
                    + "the collector at " + settings.address() + "; kept in " + unacked.spillPath()
                    + " and sent by the next process that forwards with this spill file");
        }
        unacked.close();
    }
}
