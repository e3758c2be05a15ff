package dev.spool.collector;

import dev.spool.spi.ByteBuilder;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One client connection's state, owned by the server thread. An idle connection holds no buffer: the
 * partial-line and output buffers exist only while there is something in them.
 */
final class Connection {

    private static final int KEEP_BUFFER_BYTES = 64 * 1024;

    final SocketChannel channel;
    final boolean tcp;
    final long openedNanos;
    long lastReadNanos;
    boolean handshaken;
    /** Bytes of a line whose end has not arrived yet; null when there are none. */
    ByteBuilder partial;
    long partialSinceNanos;
    /** Event lines handled (written, duplicate or rejected) and the number of them acknowledged. */
    long linesHandled;
    long linesAcked;
    boolean awaitingAck;
    /** Responses not yet taken by the socket; null when there are none. */
    ByteBuffer out;
    boolean closeAfterWrite;
    boolean closed;

    Connection(SocketChannel channel, boolean tcp, long nowNanos) {
        this.channel = channel;
        this.tcp = tcp;
        this.openedNanos = nowNanos;
        this.lastReadNanos = nowNanos;
    }

    int partialLength() {
        return partial == null ? 0 : partial.length();
    }

    void appendPartial(byte[] bytes, int offset, int count, long nowNanos) {
        if (partial == null) {
            partial = new ByteBuilder(Math.max(256, count));
        }
        if (partial.length() == 0) {
            partialSinceNanos = nowNanos;
        }
        partial.append(bytes, offset, count);
    }

    /** Forgets the partial line, releasing a large buffer so an idle connection holds nothing big. */
    void clearPartial() {
        if (partial != null && partial.array().length > KEEP_BUFFER_BYTES) {
            partial = null;
        } else if (partial != null) {
            partial.clear();
        }
    }
}
