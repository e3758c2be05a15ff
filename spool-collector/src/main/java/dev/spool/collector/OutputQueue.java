package dev.spool.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The lines a session sends, on a non-blocking channel: written at once while the socket takes them,
 * queued in order when it does not, up to a bound. A client that does not read its acknowledgements
 * cannot make the collector hold more than the bound. Holds no buffer while nothing waits.
 * Not thread-safe: owned by the session, on the server thread.
 */
final class OutputQueue {

    static final int MAX_PENDING_BYTES = 1 << 20;
    private static final int MIN_BUFFER_BYTES = 4096;

    private final WritableByteChannel channel;
    /** Bytes the channel has not taken yet, in write mode; null when there are none. */
    private ByteBuffer pending;

    OutputQueue(WritableByteChannel channel) {
        this.channel = channel;
    }

    /**
     * Writes {@code line}, or queues it behind bytes still waiting.
     *
     * @return false if queuing it would pass {@link #MAX_PENDING_BYTES}: the line was not taken, and the
     *         caller should give up on the client
     * @throws IOException if the channel fails (the peer is gone)
     */
    boolean send(byte[] line) throws IOException {
        if (pending == null) {
            ByteBuffer direct = ByteBuffer.wrap(line);
            channel.write(direct);
            if (direct.hasRemaining()) {
                pending = ByteBuffer.allocate(Math.max(MIN_BUFFER_BYTES, direct.remaining() * 2));
                pending.put(direct);
            }
            return true;
        }
        if (pending.position() + line.length > MAX_PENDING_BYTES) {
            return false;
        }
        if (pending.remaining() < line.length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_PENDING_BYTES,
                    Math.max(pending.capacity() * 2, pending.position() + line.length)));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(line);
        return true;
    }

    /**
     * Writes as much of the waiting bytes as the channel takes now.
     *
     * @return true if nothing waits any more
     * @throws IOException if the channel fails
     */
    boolean writePending() throws IOException {
        if (pending == null) {
            return true;
        }
        pending.flip();
        channel.write(pending);
        pending.compact();
        if (pending.position() == 0) {
            pending = null;
        }
        return pending == null;
    }

    /** Whether bytes wait for the channel to take them. */
    boolean hasPending() {
        return pending != null;
    }

    /** Bytes waiting. */
    int pendingBytes() {
        return pending == null ? 0 : pending.position();
    }
}
