package dev.spool.sqlite;

import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a WAL file's committed pages back into the database on a thread of its own, so the writer's
 * commits do not pay for it (SQLite's automatic checkpoint runs on the committing connection). The writer
 * turns its own automatic checkpoint off and calls {@link #committed()} after each commit; this thread then
 * runs a {@code PASSIVE} checkpoint over its own connection, at most once per {@link #MIN_GAP_MILLIS}.
 * A passive checkpoint never waits for a lock and never blocks the writer or readers; durability is the
 * same as before (the WAL holds every committed page until it is copied).
 *
 * <p>The writer still checkpoints itself, after a commit, when {@link #writerMustCheckpoint()} says so: the WAL
 * holds {@link #RESTART_FRAMES} pages or more (this thread has copied nearly all of them; the writer copies
 * the rest, and its next transaction starts the WAL over), or this thread has failed or stopped. So the
 * WAL stays about as small as with SQLite's own automatic checkpoint, whatever happens to this thread.
 * docs/decisions/sqlite-checkpoint.md has the measurements.
 */
final class WalCheckpointer implements AutoCloseable {

    /** Shortest time between two checkpoints: commits in between are copied by one, each page once. */
    static final long MIN_GAP_MILLIS = 50;
    /**
     * WAL pages past which the writer, after its next commit, copies the few pages this thread has not
     * (those committed since its last checkpoint began), so that its next transaction can start the WAL
     * over: this thread alone never lets the WAL restart while the writer goes on committing (a 2M-event
     * run grew it to 411 MB). SQLite's own automatic checkpoint starts at the same size.
     */
    static final int RESTART_FRAMES = 1_000;
    private static final long JOIN_MILLIS = 10_000;

    private final Connection connection;
    private final String path;
    private final Thread thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean failed;
    private volatile long framesLeft;
    private volatile long walFrames;
    private volatile long checkpoints;

    private WalCheckpointer(Connection connection, String path) {
        this.connection = connection;
        this.path = path;
        this.thread = DaemonThreads.named("spool-sqlite-checkpoint").newThread(this::run);
    }

    /** Opens a second connection to the writer's file and starts its thread. */
    static WalCheckpointer start(SqliteSettings settings) throws SQLException {
        WalCheckpointer checkpointer = new WalCheckpointer(Database.openCheckpointer(settings),
                settings.path().toAbsolutePath().toString());
        checkpointer.thread.start();
        return checkpointer;
    }

    /** The writer committed: copy its pages back soon. Cheap: an unpark only when the thread may be parked. */
    void committed() {
        if (!pending.get() && pending.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether the writer should checkpoint itself after its commit: the WAL is due to start over, or this thread failed or is gone. */
    boolean writerMustCheckpoint() {
        return walFrames >= RESTART_FRAMES || failed || !thread.isAlive();
    }

    /**
     * The writer checkpointed itself, with {@code result}. A checkpoint that found this thread's running
     * ({@link Pages#BUSY}) changes nothing, so the writer tries again after its next commit: taken as "nothing
     * left", it stopped the writer's checkpoints until this thread's next one, and under load the two met
     * every time and the WAL never started over (CI on 2026-12-08: 221 MB against a bound of 20 MB).
     */
    void writerCheckpointed(Pages result) {
        if (result.known()) {
            framesLeft = result.left();
            walFrames = result.left() == 0 ? 0 : result.inWal(); // nothing left: the writer's next transaction starts the WAL over
        }
    }

    /** Whether this thread is parked with no checkpoint asked for: it will not touch the counts (for tests). */
    boolean idle() {
        return !pending.get() && thread.getState() == Thread.State.WAITING;
    }

    /** WAL pages the last checkpoint (this thread's or the writer's) left uncopied (for tests). */
    long framesLeft() {
        return framesLeft;
    }

    /** Checkpoints completed by this thread (for tests). */
    long checkpoints() {
        return checkpoints;
    }

    private void run() {
        long gapNanos = TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS);
        long last = System.nanoTime() - gapNanos;
        while (!closed) {
            if (!pending.get()) {
                LockSupport.park(this);
                continue;
            }
            long wait = last + gapNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            pending.set(false);
            try {
                Pages result = checkpoint(connection);
                failed = false;
                if (result.known()) { // not when the writer was checkpointing: its own result stands
                    framesLeft = result.left();
                    walFrames = result.inWal();
                    checkpoints++;
                }
            } catch (SQLException e) {
                failed = true;
                Diagnostics.warn("sqlite.checkpoint." + path, "SQLite database " + path + ": the background"
                        + " checkpoint failed, the writer checkpoints itself until it works again: " + e.getMessage(), null);
            }
            last = System.nanoTime();
        }
    }

    /**
     * What a checkpoint found: the pages in the WAL and how many of them are in the database file now;
     * fewer when readers still use the rest.
     */
    record Pages(long inWal, long copied) {

        static final Pages NONE = new Pages(0, 0);
        /**
         * Another connection was checkpointing: SQLite answers {@code 1, -1, -1} and copies nothing. Also what a
         * connection not in WAL mode gets. Nothing known; not "nothing left".
         */
        static final Pages BUSY = new Pages(-1, -1);

        /** Whether the checkpoint ran: false for {@link #BUSY}. */
        boolean known() {
            return inWal >= 0;
        }

        /** Pages still only in the WAL. */
        long left() {
            return inWal - copied;
        }
    }

    /** One {@code PASSIVE} checkpoint over {@code c}: copies what it can without waiting for any lock. */
    static Pages checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (!r.next()) {
                return Pages.NONE;
            }
            long inWal = r.getLong(2);
            // -1 when another connection was checkpointing or the file is not in WAL mode: nothing known
            return inWal < 0 ? Pages.BUSY : new Pages(inWal, r.getLong(3));
        }
    }

    /** Stops the thread (after a checkpoint it is running) and closes its connection. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        Database.closeQuietly(connection);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
