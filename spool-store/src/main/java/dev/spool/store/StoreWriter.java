package dev.spool.store;

import dev.spool.spi.LogEvent;

import java.util.List;

/**
 * Writes batches of events (logs and metrics) into a store, each batch in one transaction, idempotently
 * by event id: writing a batch again, in whole or in part, never stores an event twice. This is what a
 * consumer that acknowledges its input only after the commit needs, since after a crash it receives the
 * uncommitted and the committed-but-unacknowledged batches again.
 *
 * <p>Not thread-safe: each thread (each consumer worker) opens its own. The events are read during the
 * call only, so views the caller reuses may be passed.
 */
public interface StoreWriter extends AutoCloseable {

    /**
     * Stores {@code events} in one transaction and returns once it is committed. Events whose id the store
     * holds already are skipped and counted as duplicates; events the store refuses for their content (a
     * value it cannot hold) are left out, listed in the result, and the rest is committed.
     *
     * @throws StoreException when nothing was committed; {@link StoreException#isRetryable()} says whether
     *                        the same batch may succeed later
     */
    WriteResult write(List<? extends LogEvent> events);

    /** A short description of the store for messages, without credentials. */
    String describe();

    /** Releases the connection. */
    @Override
    void close();
}
