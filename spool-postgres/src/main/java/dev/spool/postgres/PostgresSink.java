package dev.spool.postgres;

import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.support.Backoff;
import dev.spool.spi.support.Diagnostics;
import dev.spool.store.LedgerRecord;
import dev.spool.store.RetentionPolicy;
import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.LedgerTable;
import dev.spool.store.jdbc.RetentionSchedule;
import dev.spool.store.jdbc.RowBatch;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code postgres} destination: rows are collected on the writer thread and committed in one
 * transaction when the batch holds {@code batchSize} rows or its oldest row has waited {@code batchTime}.
 *
 * <p>Between commits {@link #hasBacklog()} stays true, so an idle pipeline keeps calling {@link #flush()}
 * and a quiet period still commits within the batch time. A commit that fails because PostgreSQL is
 * unreachable, restarting or out of resources keeps its rows and is retried with a backoff of 50 ms
 * doubling to 2 s; a write into a full batch waits for it up to {@code fullBatchWait}, which holds the
 * pipeline back rather than losing events. Re-sending a batch whose commit may have happened is harmless:
 * rows whose {@code (ts, event_id)} is stored already are skipped. A batch refused for its data (a value
 * PostgreSQL rejects) is written again row by row and only the refused rows are dropped and reported.
 * Single-threaded, like every sink.
 */
final class PostgresSink implements Sink {

    private final PostgresSettings settings;
    private final String name;
    private final RowBatch rows;
    private final BatchCommitter committer;
    private final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), false);
    private final RetentionSchedule retention;
    private final RetentionSchedule.Chunk deleteExpired = this::deleteExpired;
    private String lastError;
    private long firstPendingNanos;
    private long nextAttemptNanos;
    private volatile long droppedRows;
    private final java.util.List<LedgerRecord> ledgers = new java.util.ArrayList<>();
    private static final int MAX_PENDING_LEDGERS = 1_024;

    private PostgresSink(PostgresSettings settings, String name) {
        this.settings = settings;
        this.name = name;
        this.rows = new RowBatch(settings.batchSize(), Schema.storableText(settings.maxTextChars()));
        this.committer = new BatchCommitter(settings.url(), "spool-" + name, settings.ingest(), settings.indexes());
        this.retention = new RetentionSchedule(settings.retention(), settings.retentionInterval());
    }

    /**
     * A sink for {@code settings}. A server that cannot be reached now is reported on stderr and retried
     * later rather than thrown, so that logging to a database that is down never stops the application.
     */
    static PostgresSink open(PostgresSettings settings, String destinationName) {
        PostgresSink sink = new PostgresSink(settings, destinationName);
        sink.connect(System.nanoTime());
        return sink;
    }

    /** Ledgers are stored in their own table, in the transaction of the rows written before them. */
    @Override
    public boolean acceptsLedgers() {
        return true;
    }

    @Override
    public void write(LogEvent event) throws IOException {
        if (rows.isFull() || (event.kind() == EventKind.LEDGER && ledgers.size() >= MAX_PENDING_LEDGERS)) {
            commitWaiting();
        }
        if (event.kind() == EventKind.LEDGER) {
            if (rows.size() == 0 && ledgers.isEmpty()) {
                firstPendingNanos = System.nanoTime();
            }
            ledgers.add(LedgerTable.record(event.ledger(), event.resource()));
            return;
        }
        if (rows.size() == 0 && ledgers.isEmpty()) {
            firstPendingNanos = System.nanoTime();
        }
        rows.add(event);
    }

    @Override
    public void flush() throws IOException {
        long now = System.nanoTime();
        int pending = rows.size() + ledgers.size();
        if (pending == 0) {
            enforceRetention(now);
        } else if ((pending >= settings.batchSize() || now - firstPendingNanos >= settings.batchTime().toNanos())
                && now - nextAttemptNanos >= 0 && !attempt(now)) {
            throw new IOException(pending + " rows wait for " + settings.url() + " and are retried: " + lastError);
        }
    }

    /** Rows wait for their commit, or retention has more to delete: call {@link #flush()} again soon. */
    @Override
    public boolean hasBacklog() {
        return rows.size() > 0 || !ledgers.isEmpty() || retention.isBehind();
    }

    /** Rows written but not yet committed. */
    int pendingRows() {
        return rows.size();
    }

    /** Rows PostgreSQL refused for their data, dropped since the sink opened. */
    long droppedRows() {
        return droppedRows;
    }

    /** Commits the full batch, waiting out transient failures for up to {@code fullBatchWait}. */
    private void commitWaiting() throws IOException {
        long deadline = System.nanoTime() + settings.fullBatchWait().toNanos();
        while (true) {
            long now = System.nanoTime();
            if (now - nextAttemptNanos >= 0 && attempt(now)) {
                return;
            }
            if (now - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                throw new IOException(rows.size() + " rows wait for " + settings.url() + ": " + lastError);
            }
            LockSupport.parkNanos(Math.min(deadline, nextAttemptNanos) - now);
        }
    }

    /** One commit attempt of the whole batch; false (rows kept, next attempt scheduled) when it failed. */
    private boolean attempt(long now) {
        if (!committer.isOpen() && !connect(now)) {
            return false;
        }
        try {
            WriteResult committed = committer.commit(rows, ledgers);
            for (WriteResult.Refused refused : committed.refused()) {
                droppedRows = droppedRows + 1;
                Diagnostics.warn("postgres.refused." + name, "destination '" + name + "' (postgres): event "
                        + rows.row(refused.index()).eventId() + " dropped: " + refused.reason(), null);
            }
            rows.clear();
            ledgers.clear();
            backoff.reset();
            return true;
        } catch (SQLException e) {
            lastError = Database.describe(e, settings.url());
            Diagnostics.warn("postgres.commit." + name, "destination '" + name + "' (postgres): " + lastError + "; "
                    + rows.size() + " rows are kept and retried", null);
            committer.close();
            nextAttemptNanos = now + backoff.nextDelayNanos();
            return false;
        }
    }

    private boolean connect(long now) {
        try {
            committer.open();
            return true;
        } catch (SQLException | RuntimeException e) {
            lastError = Database.describe(e, settings.url());
            Diagnostics.warn("postgres.open." + name, "destination '" + name + "' (postgres): " + lastError
                    + "; retried, events are kept while the batch has room", null);
            nextAttemptNanos = now + backoff.nextDelayNanos();
            return false;
        }
    }

    /** Drops expired days and deletes one bounded chunk of expired rows when due, so the writer is never held for long. */
    private void enforceRetention(long now) {
        if (!committer.isOpen()) {
            return;
        }
        try {
            retention.runIfDue(now, deleteExpired);
        } catch (SQLException e) {
            committer.rollbackQuietly();
            Diagnostics.warn("postgres.retention." + name, "destination '" + name + "' (postgres): retention failed: "
                    + Database.describe(e, settings.url()), null);
        }
    }

    private long deleteExpired(RetentionPolicy policy, int maxRows, long nowMicros) throws SQLException {
        Connection connection = committer.connection();
        long deleted = new RetentionSql(connection, true).apply(policy, maxRows, nowMicros);
        connection.commit();
        return deleted;
    }

    @Override
    public void close() throws IOException {
        try {
            if (rows.size() > 0 || !ledgers.isEmpty()) {
                nextAttemptNanos = System.nanoTime(); // a last attempt even while backing off
                commitWaiting();
            }
        } catch (IOException e) {
            Diagnostics.warn("postgres.close." + name, "destination '" + name + "' (postgres): " + rows.size()
                    + " events were not written: " + e.getMessage(), null);
            throw e;
        } finally {
            committer.close();
        }
    }
}
