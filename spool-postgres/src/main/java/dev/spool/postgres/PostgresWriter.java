package dev.spool.postgres;

import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.store.LedgerRecord;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.LedgerTable;
import dev.spool.store.jdbc.RowBatch;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link StoreWriter} over PostgreSQL: each {@link #write} is one transaction through the same
 * {@link BatchCommitter} the {@code postgres} destination uses (day partitions on demand, the COPY ingest
 * path, the row-by-row fallback that leaves out only the rows PostgreSQL refuses). A failure closes the
 * connection; the next write opens a new one. Not thread-safe.
 */
final class PostgresWriter implements StoreWriter {

    private final String url;
    private final BatchCommitter committer;
    private final RowBatch rows = new RowBatch(1, Schema.storableText(PostgresSettings.DEFAULT_MAX_TEXT_CHARS));

    private PostgresWriter(String url, String ingestMode) {
        this.url = url;
        this.committer = new BatchCommitter(url, "spool-writer", ingestMode,
                Indexes.parse(Database.parameter(url, Database.INDEXES_PARAMETER)));
    }

    /** Connects and migrates the schema now, so a wrong URL or database is reported before the first batch. */
    static PostgresWriter open(String url, String ingestMode) {
        Database.jdbcUrl(url);
        PostgresWriter writer = new PostgresWriter(url, ingestMode);
        try {
            writer.committer.open();
        } catch (SQLException | RuntimeException e) {
            throw writer.failure(e);
        }
        return writer;
    }

    @Override
    public WriteResult write(List<? extends LogEvent> events) {
        if (events.isEmpty()) {
            return new WriteResult(0, 0, List.of());
        }
        if (rows.capacity() < events.size()) {
            rows.ensureCapacity(Math.max(events.size(), rows.capacity() * 2));
        }
        List<LedgerRecord> ledgers = new ArrayList<>(0);
        int[] eventIndex = new int[events.size()];
        try {
            for (int i = 0; i < events.size(); i++) {
                LogEvent event = events.get(i);
                if (event.kind() == EventKind.LEDGER) {
                    ledgers.add(LedgerTable.record(event.ledger(), event.resource()));
                } else {
                    eventIndex[rows.size()] = i;
                    rows.add(event);
                }
            }
            WriteResult committed = committer.commit(rows, ledgers);
            if (ledgers.isEmpty()) {
                return committed;
            }
            // a ledger is stored in its own table and counts as stored, so every event given is accounted for;
            // refused rows are named by their place among the events given, not among the rows
            List<WriteResult.Refused> refused = new ArrayList<>();
            committed.refused().forEach(r -> refused.add(new WriteResult.Refused(eventIndex[r.index()], r.reason())));
            return new WriteResult(committed.stored() + ledgers.size(), committed.duplicates(), refused);
        } catch (SQLException | RuntimeException e) {
            committer.close();
            throw failure(e);
        } finally {
            rows.clear();
        }
    }

    private StoreException failure(Exception e) {
        boolean retryable = e instanceof SQLException && Database.isTransient((SQLException) e);
        return new StoreException(Database.describe(e, url) + (retryable ? " (retryable)" : ""), e, retryable);
    }

    @Override
    public String describe() {
        return "PostgreSQL at " + Database.withoutCredentials(url);
    }

    @Override
    public void close() {
        committer.close();
    }
}
