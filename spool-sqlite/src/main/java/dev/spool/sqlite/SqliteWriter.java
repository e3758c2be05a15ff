package dev.spool.sqlite;

import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.store.LedgerRecord;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.LedgerTable;
import dev.spool.store.jdbc.RowBatch;
import dev.spool.store.jdbc.StorableText;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link StoreWriter} over a SQLite file: each {@link #write} is one {@code BEGIN IMMEDIATE … COMMIT}
 * through the same {@link BatchCommitter} as the {@code sqlite} destination, so a replayed event id is
 * skipped and counted as a duplicate, and a row SQLite refuses is left out with its reason. After a
 * failure that is not a lock the connection is closed and reopened by the next write, so a file moved
 * aside or repaired is picked up. Not thread-safe.
 */
final class SqliteWriter implements StoreWriter {

    private static final int INITIAL_ROWS = 1_024;

    private final SqliteSettings settings;
    private final BatchCommitter committer;
    private final RowBatch rows = new RowBatch(INITIAL_ROWS, StorableText.AS_IS);
    private final List<LedgerRecord> ledgers = new ArrayList<>();
    private int[] eventIndex = new int[INITIAL_ROWS];

    private SqliteWriter(SqliteSettings settings) {
        this.settings = settings;
        this.committer = new BatchCommitter(settings);
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
        if (!committer.isOpen()) {
            connect();
        }
        List<WriteResult.Refused> refused = new ArrayList<>();
        rows.clear();
        ledgers.clear();
        copy(events, refused);
        if (rows.size() == 0 && ledgers.isEmpty()) {
            return new WriteResult(0, 0, refused);
        }
        WriteResult committed;
        try {
            committed = committer.commit(rows, ledgers);
        } catch (SQLException e) {
            boolean retryable = Database.isRetryable(e);
            if (!retryable) {
                committer.close();
            }
            throw new StoreException(Database.describe(e, settings.path()), e, retryable);
        } finally {
            rows.clear();
        }
        for (WriteResult.Refused row : committed.refused()) {
            refused.add(new WriteResult.Refused(eventIndex[row.index()], "SQLite refused the event: " + row.reason()));
        }
        refused.sort(Comparator.comparingInt(WriteResult.Refused::index));
        // a ledger is stored in its own table and counts as stored, so every event given is accounted for
        return new WriteResult(committed.stored() + ledgers.size(), committed.duplicates(), refused);
    }

    /** Copies each event into a row; an event that cannot even be read (a null message) is refused here. */
    private void copy(List<? extends LogEvent> events, List<WriteResult.Refused> refused) {
        rows.ensureCapacity(events.size());
        if (eventIndex.length < events.size()) {
            eventIndex = new int[events.size()];
        }
        for (int i = 0; i < events.size(); i++) {
            try {
                LogEvent event = events.get(i);
                if (event.kind() == EventKind.LEDGER) {
                    ledgers.add(LedgerTable.record(event.ledger(), event.resource()));
                    continue;
                }
                eventIndex[rows.size()] = i;
                rows.add(event);
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
            committer.open();
        } catch (SQLException e) {
            throw new StoreException(Database.describe(e, settings.path()), e, Database.isRetryable(e));
        } catch (IOException | RuntimeException e) {
            throw new StoreException(Database.describe(e, settings.path()), e, false);
        }
    }

    @Override
    public void close() {
        committer.close();
    }
}
