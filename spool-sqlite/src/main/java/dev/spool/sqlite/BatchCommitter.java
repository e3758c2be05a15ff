package dev.spool.sqlite;

import dev.spool.store.LedgerRecord;
import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.LedgerTable;
import dev.spool.store.jdbc.RowBatch;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Commits a {@link RowBatch} in one {@code BEGIN IMMEDIATE ... COMMIT} over a writing connection it owns,
 * through the {@link InsertIngest} path. Shared by the {@code sqlite} destination and the
 * {@link dev.spool.store.StoreWriter} the consumer uses, so both write exactly alike. Single-threaded.
 */
final class BatchCommitter {

    private final SqliteSettings settings;
    private Connection connection;
    private InsertIngest ingest;
    private WalCheckpointer checkpointer;

    BatchCommitter(SqliteSettings settings) {
        this.settings = settings;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** The thread checkpointing this writer's WAL, or null (closed, or an in-memory database); for tests. */
    WalCheckpointer checkpointer() {
        return checkpointer;
    }

    /** The open connection, or null; for work between commits (retention) on the same connection. */
    Connection connection() {
        return connection;
    }

    /**
     * Opens the file (creating it and its directories, migrating the schema, making the indexes asked
     * for) and prepares the inserts; closes again when any of it fails.
     */
    void open() throws SQLException, IOException {
        try {
            connection = Database.openWriter(settings);
            ingest = InsertIngest.prepare(connection);
            if (!Database.isMemory(settings.path())) { // in memory there is no WAL
                ingest.control.execute("PRAGMA wal_autocheckpoint=0");
                checkpointer = WalCheckpointer.start(settings);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Stores every row of {@code rows} in one transaction: rows whose event id is stored already are
     * counted as duplicates, rows SQLite refuses for their content are left out (by their index in the
     * batch, with SQLite's reason). The connection must be open.
     *
     * @throws SQLException when nothing was committed; the transaction is rolled back and the connection
     *                      left open (the caller closes it after a failure that will not pass by itself)
     */
    WriteResult commit(RowBatch rows) throws SQLException {
        return commit(rows, java.util.List.of());
    }

    /** As {@link #commit(RowBatch)}, with ledgers stored in the same transaction, after the rows they count. */
    WriteResult commit(RowBatch rows, java.util.List<LedgerRecord> ledgers) throws SQLException {
        try {
            ingest.control.execute("BEGIN IMMEDIATE");
            WriteResult result = ingest.insert(rows);
            LedgerTable.upsert(connection, ledgers);
            ingest.control.execute("COMMIT");
            afterCommit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * The caller committed a write of its own on {@link #connection()} (retention's deletes): its pages are
     * checkpointed as a batch's are, so that a writer that only deletes still keeps its WAL small.
     */
    void committedOutsideBatch() {
        afterCommit();
    }

    /** Wakes the checkpoint thread, or checkpoints here when it is due to start the WAL over, or the thread failed or is gone. */
    private void afterCommit() {
        if (checkpointer == null) {
            return; // in memory: no WAL
        }
        if (checkpointer.writerMustCheckpoint()) {
            try {
                checkpointer.writerCheckpointed(WalCheckpointer.checkpoint(connection));
            } catch (SQLException e) {
                // the rows are committed; as SQLite's own automatic checkpoint, a failed one is tried again later
            }
        }
        checkpointer.committed();
    }

    private void rollbackQuietly() {
        try {
            ingest.control.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open (BEGIN failed) or SQLite rolled it back already
        }
    }

    /** Lets SQLite refresh the statistics its query planner uses, as its documentation advises before closing. */
    void optimizeQuietly() {
        try {
            if (ingest != null) {
                ingest.control.execute("PRAGMA optimize");
            }
        } catch (SQLException ignored) {
            // only planner statistics: the next close tries again
        }
    }

    /** Closes the connection; {@link #open} opens a new one. */
    void close() {
        if (checkpointer != null) {
            checkpointer.close(); // first: the writer's connection, closing last, checkpoints the rest and removes the WAL
            checkpointer = null;
        }
        Database.closeQuietly(ingest);
        Database.closeQuietly(connection);
        ingest = null;
        connection = null;
    }
}
