package dev.spool.cli.web;

import dev.spool.store.LogStore;
import dev.spool.store.StoreException;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store the server reads, reopened after a failure when the server opened it itself. A store's
 * connection does not survive a PostgreSQL restart or a network cut, and a long-running view must not
 * need restarting with it: a read that fails is retried once on a freshly opened store, and when that
 * fails too the request gets a {@code 503} and the next one opens the store again. Reads are queries, so
 * a retry repeats nothing.
 */
final class StoreHandle implements AutoCloseable {

    /** Null for a store the caller owns. */
    private final Supplier<LogStore> opener;
    private LogStore current;

    private StoreHandle(Supplier<LogStore> opener, LogStore first) {
        this.opener = opener;
        this.current = first;
    }

    /** A store the caller owns: never reopened or closed here. */
    static StoreHandle fixed(LogStore store) {
        return new StoreHandle(null, store);
    }

    /** Opens a store now (throwing what {@code opener} throws) and again after each failure; closed with this. */
    static StoreHandle reopening(Supplier<LogStore> opener) {
        return new StoreHandle(opener, opener.get());
    }

    /** Runs {@code read} on the store, retrying once on a reopened store when the store fails and can be reopened. */
    <T> T read(Function<LogStore, T> read) {
        LogStore store = store();
        try {
            return read.apply(store);
        } catch (StoreException e) {
            if (opener == null) {
                throw e;
            }
            return read.apply(reopen(store));
        }
    }

    private synchronized LogStore store() {
        if (current == null) {
            current = opener.get();
        }
        return current;
    }

    /** Replaces {@code failed} by a new store, unless another request already did. */
    private synchronized LogStore reopen(LogStore failed) {
        if (current != failed && current != null) {
            return current;
        }
        current = null;
        closeQuietly(failed);
        current = opener.get(); // when this throws, current stays null and the next request tries again
        return current;
    }

    @Override
    public synchronized void close() {
        if (opener != null && current != null) {
            closeQuietly(current);
            current = null;
        }
    }

    private static void closeQuietly(LogStore store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            // it failed already; closing what is left of it cannot be helped
        }
    }
}
