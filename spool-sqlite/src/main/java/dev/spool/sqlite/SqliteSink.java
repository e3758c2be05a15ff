package dev.spool.sqlite;

import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.support.Diagnostics;
import dev.spool.store.LedgerRecord;
import dev.spool.store.RetentionPolicy;
import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.LedgerTable;
import dev.spool.store.jdbc.RetentionSchedule;
import dev.spool.store.jdbc.RowBatch;
import dev.spool.store.jdbc.StorableText;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sqlite} destination: rows are collected on the writer thread and committed in one
 * transaction when the batch holds {@code batchSize} rows or its oldest row has waited {@code batchTime}.
 *
 * <p>Between commits {@link #hasBacklog()} stays true, so an idle pipeline calls {@link #flush()} about
 * every 20 ms and a quiet period still commits within the batch time. A commit that fails because another
 * process holds the lock keeps its rows and is retried; a database that cannot be written (read-only,
 * corrupt, missing directory) makes {@link #write} throw, so the pipeline counts those events as failed,
 * and the file is reopened at most once a second until it works again. Single-threaded, like every sink.
 */
final class SqliteSink implements Sink {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_PENDING_LEDGERS = 1_024;

    private final SqliteSettings settings;
    private final String name;
    private final RowBatch rows;
    private final BatchCommitter committer;
    private final RetentionSchedule retention;
    private final RetentionSchedule.Chunk deleteExpired = this::deleteExpired;
    private final long batchTimeNanos;
    private final java.util.List<LedgerRecord> ledgers = new java.util.ArrayList<>();
    private String lastError;
    private long firstPendingNanos;
    private long nextOpenNanos;
    private long nextCommitNanos;

    private SqliteSink(SqliteSettings settings, String name) {
        this.settings = settings;
        this.name = name;
        this.rows = new RowBatch(settings.batchSize(), StorableText.AS_IS);
        this.committer = new BatchCommitter(settings);
        this.retention = new RetentionSchedule(settings.retention(), settings.retentionInterval());
        this.batchTimeNanos = settings.batchTime().toNanos();
    }

    /**
     * A sink for {@code settings}. A database that cannot be opened now is reported on stderr and retried
     * later rather than thrown, so that logging to a broken file never stops the application.
     */
    static SqliteSink open(SqliteSettings settings, String destinationName) {
        SqliteSink sink = new SqliteSink(settings, destinationName);
        sink.connect(System.nanoTime());
        return sink;
    }

    @Override
    public void write(LogEvent event) throws IOException {
        if (!committer.isOpen() && !connect(System.nanoTime())) {
            throw new IOException(lastError);
        }
        if (rows.isFull()) {
            commit(true);
        }
        if (event.kind() == EventKind.LEDGER) {
            if (ledgers.size() >= MAX_PENDING_LEDGERS) {
                commit(true);
            }
            ledgers.add(LedgerTable.record(event.ledger(), event.resource()));
            return;
        }
        if (rows.size() == 0) {
            firstPendingNanos = System.nanoTime();
        }
        rows.add(event);
    }

    /** Ledgers are stored in their own table, in the transaction of the rows written before them. */
    @Override
    public boolean acceptsLedgers() {
        return true;
    }

    @Override
    public void flush() throws IOException {
        long now = System.nanoTime();
        int pending = rows.size();
        if (pending == 0 && !ledgers.isEmpty()) {
            commit(false);
        } else if (pending == 0) {
            enforceRetention(now);
        } else if (pending >= settings.batchSize() || now - firstPendingNanos >= batchTimeNanos) {
            commit(false);
        }
    }

    /** Rows wait for their commit, or retention has more to delete: call {@link #flush()} again soon. */
    @Override
    public boolean hasBacklog() {
        return rows.size() > 0 || !ledgers.isEmpty() || retention.isBehind();
    }

    /** The thread checkpointing this sink's WAL, or null (for tests). */
    WalCheckpointer checkpointer() {
        return committer.checkpointer();
    }

    /** Rows written but not yet committed (for tests and the stats of a destination). */
    int pendingRows() {
        return rows.size();
    }

    private void commit(boolean mustSucceed) throws IOException {
        long now = System.nanoTime();
        if (now - nextCommitNanos < 0 || (!committer.isOpen() && !connect(now))) {
            if (mustSucceed) {
                throw new IOException(rows.size() + " rows are waiting for " + settings.path() + ": " + lastError);
            }
            return; // retried when the pipeline calls flush again
        }
        try {
            WriteResult result = committer.commit(rows, ledgers);
            if (result != null) {
                reportRefused(result);
            }
            rows.clear();
            ledgers.clear();
        } catch (SQLException e) {
            nextCommitNanos = now + RETRY_NANOS;
            lastError = Database.describe(e, settings.path());
            if (!Database.isBusy(e)) {
                disconnect(now);
            }
            throw new IOException(lastError, e);
        }
    }

    /** Rows SQLite refused for their content are not retried (they would fail again): say so on stderr. */
    private void reportRefused(WriteResult result) {
        if (!result.refused().isEmpty()) {
            Diagnostics.warn("sqlite.refused." + name, "destination '" + name + "' (sqlite): " + result.refused().size()
                    + " events were refused by " + settings.path().toAbsolutePath() + " and not stored, for example: "
                    + result.refused().get(0).reason(), null);
        }
    }

    private boolean connect(long now) {
        if (now - nextOpenNanos < 0) {
            return false;
        }
        try {
            committer.open();
            nextCommitNanos = now;
            return true;
        } catch (SQLException | IOException | RuntimeException e) {
            lastError = Database.describe(e, settings.path());
            Diagnostics.warn("sqlite.open." + name, "destination '" + name + "' (sqlite): " + lastError
                    + "; events sent to it are counted as failed until it can be opened", null);
            disconnect(now);
            return false;
        }
    }

    private void disconnect(long now) {
        committer.close();
        nextOpenNanos = now + RETRY_NANOS;
    }

    /** Deletes one bounded chunk of expired rows when due, so the writer is never held for long. */
    private void enforceRetention(long now) {
        if (!committer.isOpen()) {
            return;
        }
        try {
            retention.runIfDue(now, deleteExpired);
        } catch (SQLException e) {
            Diagnostics.warn("sqlite.retention." + name, "destination '" + name + "' (sqlite): retention failed: "
                    + Database.describe(e, settings.path()), null);
        }
    }

    private long deleteExpired(RetentionPolicy policy, int maxRows, long nowMicros) throws SQLException {
        long deleted = RetentionSql.apply(committer.connection(), policy, maxRows, nowMicros);
        if (deleted > 0) {
            committer.committedOutsideBatch();
        }
        return deleted;
    }

    @Override
    public void close() throws IOException {
        try {
            if (rows.size() > 0 || !ledgers.isEmpty()) {
                nextCommitNanos = System.nanoTime(); // a last attempt even while backing off
                commit(true);
            }
        } catch (IOException e) {
            Diagnostics.warn("sqlite.close." + name, "destination '" + name + "' (sqlite): " + rows.size()
                    + " events were not written: " + e.getMessage(), null);
            throw e;
        } finally {
            committer.optimizeQuietly();
            disconnect(System.nanoTime());
        }
    }
}
