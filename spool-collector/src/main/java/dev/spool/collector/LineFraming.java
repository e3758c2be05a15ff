package dev.spool.collector;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.LineEnds;

/**
 * Cuts one connection's bytes into lines at each LF, as they arrive in reads of any size. A line split
 * over reads is held until its end arrives; its length is checked against the limit before any of its
 * bytes are kept, so a client cannot make the collector hold more than the limit. Nothing is held
 * between lines, and a large buffer is released after its line, so an idle connection costs no buffer.
 *
 * <p>Bytes after the last LF are held and never delivered until their LF arrives: a line the sender
 * did not finish is not a line. Not thread-safe: owned by the session, on the server thread.
 */
final class LineFraming {

    /** Receives the complete lines; the session implements it. */
    interface Lines {

        /** The longest line accepted now, LF excluded; asked before each line, as it may change after one. */
        int maxLineBytes();

        /** One complete line without its LF (and without a CR before it); false stops the framing. */
        boolean line(byte[] bytes, int offset, int length);
    }

    private static final int KEEP_BUFFER_BYTES = 64 * 1024;
    private static final int MIN_BUFFER_BYTES = 256;

    /** Bytes of a line whose end has not arrived yet; null while there are none and after a large line. */
    private ByteBuilder partial;
    private long partialSinceNanos;

    /**
     * Delivers every line completed by {@code count} bytes at {@code offset} and holds the rest, until
     * {@code lines} says stop (the rest of these bytes is then ignored).
     *
     * @return false if a line is longer than {@link Lines#maxLineBytes()}: none of it was kept or
     *         delivered and nothing after it was read; the caller should refuse the connection
     */
    boolean feed(byte[] bytes, int offset, int count, long nowNanos, Lines lines) {
        int end = offset + count;
        int start = offset;
        for (int i; (i = LineEnds.next(bytes, start, end)) < end; start = i + 1) {
            if ((long) pendingBytes() + (i - start) > lines.maxLineBytes()) {
                return false;
            }
            if (!deliver(bytes, start, i - start, lines)) {
                return true;
            }
        }
        if (start < end) {
            if ((long) pendingBytes() + (end - start) > lines.maxLineBytes()) {
                return false;
            }
            hold(bytes, start, end - start, nowNanos);
        }
        return true;
    }

    /** Bytes held of a line whose LF has not arrived. */
    int pendingBytes() {
        return partial == null ? 0 : partial.length();
    }

    /** When the first held byte of the unfinished line arrived; meaningful while {@link #pendingBytes()} > 0. */
    long pendingSinceNanos() {
        return partialSinceNanos;
    }

    /** The bytes of buffer held now, in use or not: what this connection costs between lines. */
    int bufferBytes() {
        return partial == null ? 0 : partial.array().length;
    }

    private boolean deliver(byte[] bytes, int start, int length, Lines lines) {
        if (pendingBytes() == 0) {
            return lines.line(bytes, start, withoutCr(bytes, start, length));
        }
        partial.append(bytes, start, length);
        boolean more = lines.line(partial.array(), 0, withoutCr(partial.array(), 0, partial.length()));
        release();
        return more;
    }

    private static int withoutCr(byte[] bytes, int start, int length) {
        // CRLF senders are common; the CR is framing, not content
        return length > 0 && bytes[start + length - 1] == '\r' ? length - 1 : length;
    }

    private void hold(byte[] bytes, int start, int count, long nowNanos) {
        if (partial == null) {
            partial = new ByteBuilder(Math.max(MIN_BUFFER_BYTES, count));
        }
        if (partial.length() == 0) {
            partialSinceNanos = nowNanos;
        }
        partial.append(bytes, start, count);
    }

    /** Forgets the delivered line; a large buffer goes too, so that one long line is not kept for good. */
    private void release() {
        if (partial.array().length > KEEP_BUFFER_BYTES) {
            partial = null;
        } else {
            partial.clear();
        }
    }
}
