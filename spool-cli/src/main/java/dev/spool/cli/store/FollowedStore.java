package dev.spool.cli.store;

import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.StoreException;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * The store a long-running command reads, opened again when its SQLite file is replaced or rotated
 * ({@link StoreFileWatch}), saying so on stderr with the command's name. A store that is not a file is
 * opened once. Not thread-safe: one thread reads.
 */
public final class FollowedStore implements AutoCloseable {

    private final StoreLocation location;
    private final StoreFileWatch watch;
    private final PrintWriter err;
    private final String command;
    private LogStore current;

    /**
     * Opens the store now.
     *
     * @throws StoreException when it cannot be opened
     */
    public FollowedStore(StoreLocation location, PrintWriter err, String command) {
        this.location = location;
        this.watch = StoreFileWatch.of(location);
        this.err = err;
        this.command = command;
        this.current = location.open();
        if (watch != null) {
            watch.opened();
        }
    }

    /** The store open now. */
    public LogStore store() {
        return current;
    }

    /**
     * Opens the file again when another file is at its path. Returns true when the store now reads a
     * different file; a new file that cannot be opened yet (still being created) is tried at the next call.
     */
    public boolean reopenIfReplaced() {
        StoreFileWatch.Change change = watch == null ? StoreFileWatch.Change.NONE : watch.check();
        if (change == StoreFileWatch.Change.DELETED) {
            say(watch.file() + " was deleted; waiting for a new file at that path");
            return false;
        }
        if (change != StoreFileWatch.Change.REPLACED) {
            return false;
        }
        LogStore next = openWhenReady(location::open);
        if (next == null) {
            return false;
        }
        watch.opened();
        LogStore old = current;
        current = next;
        closeQuietly(old);
        say(watch.file() + " was replaced (rotated, or deleted and created again); reading the new file");
        return true;
    }

    /**
     * A store from {@code opener} that answers a query, or null when the new file cannot be read yet: a
     * database being created has no tables for a moment, and the next check tries again.
     */
    public static LogStore openWhenReady(Supplier<LogStore> opener) {
        LogStore next;
        try {
            next = opener.get();
        } catch (StoreException e) {
            return null;
        }
        try {
            next.query(LogQuery.builder().limit(1).build());
            return next;
        } catch (StoreException e) {
            closeQuietly(next);
            return null;
        }
    }

    private void say(String message) {
        err.println(command + ": " + message);
        err.flush();
    }

    private static void closeQuietly(LogStore store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            // the old file's store: nothing of it is needed any more
        }
    }

    @Override
    public void close() {
        current.close();
    }
}
