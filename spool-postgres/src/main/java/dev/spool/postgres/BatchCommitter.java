package dev.spool.postgres;

import dev.spool.store.LedgerRecord;
import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.LedgerTable;
import dev.spool.store.jdbc.RowBatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Commits a {@link RowBatch} in one transaction over a connection it owns: the day partitions the batch
 * needs, the rows through the configured {@link Ingest}, and, when PostgreSQL refuses a row for its data,
 * the batch again one row per savepoint so that only the refused rows are left out. Shared by the
 * {@code postgres} destination and the {@link dev.spool.store.StoreWriter} the consumer uses, so both
 * write exactly alike. Single-threaded.
 */
final class BatchCommitter {

    private final String url;
    private final String applicationName;
    private final Ingest ingest;
    private final Ingest rowByRow = new InsertIngest();
    private final Set<String> indexes;
    private final Set<Long> knownDays = new HashSet<>();
    private long[] days = new long[4];
    private Connection connection;

    BatchCommitter(String url, String applicationName, String ingestMode, Set<String> indexes) {
        this.url = url;
        this.applicationName = applicationName;
        this.ingest = Ingest.of(ingestMode);
        this.indexes = indexes;
    }

    boolean isOpen() {
        return connection != null;
    }

    /** The open connection, or null; for work between commits (retention) on the same session. */
    Connection connection() {
        return connection;
    }

    /**
     * Connects, migrates the schema, makes the optional indexes asked for and tomorrow's partitions;
     * closes again when any of it fails.
     */
    void open() throws SQLException {
        try {
            connection = Database.open(url, applicationName);
            Schema.migrate(connection);
            Indexes.ensure(connection, indexes);
            ingest.open(connection);
            rowByRow.open(connection);
            knownDays.clear();
            long today = Partitions.day(System.currentTimeMillis() * 1_000);
            Partitions.ensure(connection, today + 1); // a day ahead, so midnight needs no DDL on the hot path
            knownDays.add(today + 1);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Stores every row of {@code rows} in one transaction (opening the connection first if needed) and
     * commits. Rows whose {@code (ts, event_id)} is stored already are skipped and counted as duplicates;
     * rows PostgreSQL refuses for their data are left out, by their index in the batch, with its reason.
     *
     * @throws SQLException when nothing was committed; the transaction is rolled back, the connection
     *                      left open (the caller closes it after a failure it does not expect to pass)
     */
    WriteResult commit(RowBatch rows) throws SQLException {
        return commit(rows, List.of());
    }

    /** As {@link #commit(RowBatch)}, with ledgers stored in the same transaction, after the rows they count. */
    WriteResult commit(RowBatch rows, List<LedgerRecord> ledgers) throws SQLException {
        if (connection == null) {
            open();
        }
        try {
            WriteResult committed = rows.size() == 0 ? new WriteResult(0, 0, List.of()) : insert(rows);
            LedgerTable.upsert(connection, ledgers);
            connection.commit();
            return committed;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private WriteResult insert(RowBatch rows) throws SQLException {
        while (true) {
            boolean daysJustEnsured = false;
            try {
                daysJustEnsured = ensureDays(rows);
                int inserted = ingest.insert(rows, 0, rows.size());
                return new WriteResult(inserted, rows.size() - inserted, List.of());
            } catch (SQLException e) {
                if (!Database.isBadData(e)) {
                    throw e;
                }
                connection.rollback();
                // 23514 is also "no partition for the row": only once the partitions are sure is it the data's fault
                if ("23514".equals(e.getSQLState()) && !daysJustEnsured) {
                    knownDays.clear(); // a day's partition was dropped meanwhile (retention elsewhere): make it again
                    continue;
                }
                return insertRowByRow(rows);
            }
        }
    }

    /**
     * Makes the day partitions the batch needs that were not seen on this connection yet; true when every
     * one of them was checked now rather than taken from memory.
     */
    private boolean ensureDays(RowBatch rows) throws SQLException {
        int dayCount = distinctDays(rows);
        boolean allChecked = true;
        for (int i = 0; i < dayCount; i++) {
            if (knownDays.contains(days[i])) {
                allChecked = false;
            } else {
                Partitions.ensure(connection, days[i]);
                knownDays.add(days[i]);
            }
        }
        return allChecked;
    }

    /** Collects the distinct UTC days of the rows into {@code days}; returns how many there are. */
    private int distinctDays(RowBatch rows) {
        int count = 0;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            long day = Partitions.day(rows.row(i).timestampMicros());
            if (day == last) {
                continue; // the common case: a batch of one day
            }
            last = day;
            boolean seen = false;
            for (int d = 0; d < count && !seen; d++) {
                seen = days[d] == day;
            }
            if (!seen) {
                if (count == days.length) {
                    days = Arrays.copyOf(days, count * 2);
                }
                days[count++] = day;
            }
        }
        return count;
    }

    /** Writes the batch again one row per savepoint, leaving out the rows PostgreSQL refuses. */
    private WriteResult insertRowByRow(RowBatch rows) throws SQLException {
        int inserted = 0;
        List<WriteResult.Refused> refused = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Savepoint before = connection.setSavepoint();
            try {
                inserted += rowByRow.insert(rows, i, i + 1);
                connection.releaseSavepoint(before);
            } catch (SQLException e) {
                if (!Database.isBadData(e)) {
                    throw e;
                }
                connection.rollback(before);
                refused.add(new WriteResult.Refused(i, "PostgreSQL refused the row: " + e.getMessage()
                        + " (SQLSTATE " + e.getSQLState() + ")"));
            }
        }
        return new WriteResult(inserted, rows.size() - inserted - refused.size(), refused);
    }

    void rollbackQuietly() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken: the server rolled the transaction back already
        }
    }

    /** Closes the connection; the next {@link #commit} opens a new one. */
    void close() {
        ingest.close();
        rowByRow.close();
        Database.closeQuietly(connection);
        connection = null;
    }
}
