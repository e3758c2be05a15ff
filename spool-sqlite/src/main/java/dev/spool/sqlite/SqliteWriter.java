package dev.spool.sqlite;

import dev.spool.spi.LogEvent;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link StoreWriter} over a SQLite file: each {@link #write} is one {@code BEGIN IMMEDIATE … COMMIT}
 * through the same row copying and inserts as the {@code sqlite} destination ({@link PendingRows}), so a
 * replayed event id is skipped and counted as a duplicate, and a row SQLite refuses is left out with its
 * reason. After a failure that is not a lock the connection is closed and reopened by the next write, so a
 * file moved aside or repaired is picked up. Not thread-safe.
 */
final class SqliteWriter implements StoreWriter {

    private static final int INITIAL_ROWS = 1_024;

    private final SqliteSettings settings;
    private final PendingRows rows = new PendingRows(INITIAL_ROWS);
    private int[] eventIndex = new int[INITIAL_ROWS];
    private Connection connection;
    private InsertStatements statements;

    private SqliteWriter(SqliteSettings settings) {
        this.settings = settings;
    }

    /**
     * Opens (creating and migrating when needed) the database of {@code settings}.
     *
     * @throws StoreException when it cannot be opened; retryable when another connection holds its lock
     */
    static SqliteWriter open(SqliteSettings settings) {
        SqliteWriter writer = new SqliteWriter(settings);
        writer.connect();
        return writer;
    }

    @Override
    public WriteResult write(List<? extends LogEvent> events) {
        if (connection == null) {
            connect();
        }
        List<WriteResult.Refused> refused = new ArrayList<>();
        rows.clear();
        copy(events, refused);
        if (rows.size() == 0) {
            return new WriteResult(0, 0, refused);
        }
        try {
            statements.control.execute("BEGIN IMMEDIATE");
            rows.insertAll(statements);
            statements.control.execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            rows.clear();
            boolean retryable = Database.isRetryable(e);
            if (!retryable) {
                disconnect();
            }
            throw new StoreException(Database.describe(e, settings.path()), e, retryable);
        }
        int stored = 0;
        int duplicates = 0;
        for (int i = 0; i < rows.size(); i++) {
            switch (rows.outcome(i)) {
                case PendingRows.STORED -> stored++;
                case PendingRows.DUPLICATE -> duplicates++;
                default -> refused.add(new WriteResult.Refused(eventIndex[i], "SQLite refused the event: "
                        + rows.refusal(i)));
            }
        }
        rows.clear();
        refused.sort(Comparator.comparingInt(WriteResult.Refused::index));
        return new WriteResult(stored, duplicates, refused);
    }

    /** Copies each event into a row; an event that cannot even be read (a null message) is refused here. */
    private void copy(List<? extends LogEvent> events, List<WriteResult.Refused> refused) {
        rows.ensureCapacity(events.size());
        if (eventIndex.length < events.size()) {
            eventIndex = new int[events.size()];
        }
        for (int i = 0; i < events.size(); i++) {
            try {
                eventIndex[rows.size()] = i;
                rows.add(events.get(i));
            } catch (RuntimeException e) {
                refused.add(new WriteResult.Refused(i, "the event cannot be read: " + e));
            }
        }
    }

    @Override
    public String describe() {
        return "SQLite database " + settings.path().toAbsolutePath();
    }

    private void connect() {
        try {
            connection = Database.openWriter(settings);
            statements = InsertStatements.prepare(connection);
        } catch (SQLException e) {
            disconnect();
            throw new StoreException(Database.describe(e, settings.path()), e, Database.isRetryable(e));
        } catch (IOException | RuntimeException e) {
            disconnect();
            throw new StoreException(Database.describe(e, settings.path()), e, false);
        }
    }

    private void rollbackQuietly() {
        try {
            statements.control.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // BEGIN failed, or SQLite rolled the transaction back already
        }
    }

    private void disconnect() {
        Database.closeQuietly(statements);
        Database.closeQuietly(connection);
        statements = null;
        connection = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
