package dev.spool.cli.web;

import dev.spool.cli.store.FollowedStore;
import dev.spool.cli.store.StoreFileWatch;
import dev.spool.store.LogStore;
import dev.spool.store.StoreException;

import java.util.function.Consumer;
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
    /** Null unless the store is a file to follow through replacements. */
    private final StoreFileWatch watch;
    private final Consumer<String> notices;
    private LogStore current;

    private StoreHandle(Supplier<LogStore> opener, LogStore first, StoreFileWatch watch, Consumer<String> notices) {
        this.opener = opener;
        this.current = first;
        this.watch = watch;
        this.notices = notices;
        if (watch != null) {
            watch.opened();
        }
    }

    /** A store the caller owns: never reopened or closed here. */
    static StoreHandle fixed(LogStore store) {
        return new StoreHandle(null, store, null, null);
    }

    /** Opens a store now (throwing what {@code opener} throws) and again after each failure; closed with this. */
    static StoreHandle reopening(Supplier<LogStore> opener) {
        return new StoreHandle(opener, opener.get(), null, null);
    }

    /**
     * As {@link #reopening}, and opens the file again when another file takes its path (a rotation, a delete
     * and create), telling {@code notices} what happened.
     */
    static StoreHandle following(Supplier<LogStore> opener, StoreFileWatch watch, Consumer<String> notices) {
        return new StoreHandle(opener, opener.get(), watch, notices);
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
        if (watch != null && current != null) {
            followReplacement();
        }
        if (current == null) {
            current = opener.get();
            if (watch != null) {
                watch.opened();
            }
        }
        return current;
    }

    private void followReplacement() {
        StoreFileWatch.Change change = watch.check();
        if (change == StoreFileWatch.Change.DELETED) {
            notices.accept(watch.file() + " was deleted; serving what was read until a new file is at that path");
        } else if (change == StoreFileWatch.Change.REPLACED) {
            LogStore next = FollowedStore.openWhenReady(opener);
            if (next == null) {
                return; // still being created, most likely: the next request tries again
            }
            watch.opened();
            closeQuietly(current);
            current = next;
            notices.accept(watch.file() + " was replaced (rotated, or deleted and created again); serving the new file");
        }
    }

    /** Replaces {@code failed} by a new store, unless another request already did. */
    private synchronized LogStore reopen(LogStore failed) {
        if (current != failed && current != null) {
            return current;
        }
        current = null;
        closeQuietly(failed);
        current = opener.get(); // when this throws, current stays null and the next request tries again
        if (watch != null) {
            watch.opened();
        }
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
