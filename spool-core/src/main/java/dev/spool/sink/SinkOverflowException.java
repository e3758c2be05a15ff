package dev.spool.sink;

import java.io.IOException;

/**
 * Thrown by a sink's {@code write} when it refuses an event because the data it holds back after a
 * failure has reached its bound. The refused event was not kept: the caller counts it as failed.
 *
 * <p>Any other event the sink accepted before stays in its backlog. The exception carries no stack
 * trace: it is thrown once per refused event while a disk is full, and the trace would say nothing.
 */
public final class SinkOverflowException extends IOException {

    private final long heldBytes;

    public SinkOverflowException(String message, long heldBytes, Throwable cause) {
        super(message, cause);
        this.heldBytes = heldBytes;
    }

    /** Bytes the sink was holding back when it refused the event. */
    public long heldBytes() {
        return heldBytes;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
