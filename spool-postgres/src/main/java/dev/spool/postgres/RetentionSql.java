package dev.spool.postgres;

import dev.spool.store.RetentionPolicy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Applies a {@link RetentionPolicy} to both tables: a day partition wholly beyond the policy is dropped
 * (instant, and it leaves no dead rows to vacuum); the rows beyond it in the day that straddles the limit
 * are deleted oldest first, a bounded number per call. Runs in autocommit: each statement is short.
 */
final class RetentionSql {

    private final Connection connection;
    private final boolean dropWholeDays;

    /**
     * @param dropWholeDays drop every expired day whatever its size (the destination); otherwise a day is
     *                      dropped only when its rows fit the caller's bound, and deleted row by row when not
     */
    RetentionSql(Connection connection, boolean dropWholeDays) {
        this.connection = connection;
        this.dropWholeDays = dropWholeDays;
    }

    /** Deletes at most about {@code maxDeletes} rows (exactly, unless whole days are dropped) and returns how many. */
    long apply(RetentionPolicy policy, long maxDeletes, long nowMicros) throws SQLException {
        long deleted = 0;
        for (String table : Partitions.TABLES) {
            if (policy.maxAge() != null && deleted < maxDeletes) {
                long cutoff = nowMicros - policy.maxAge().toNanos() / 1_000;
                deleted += trim(table, cutoff, Long.MIN_VALUE, maxDeletes - deleted);
            }
            if (policy.maxRows() > 0 && deleted < maxDeletes) {
                long[] boundary = firstKept(table, policy.maxRows());
                if (boundary != null) {
                    deleted += trim(table, boundary[0], boundary[1], maxDeletes - deleted);
                }
            }
        }
        return deleted;
    }

    /** The (ts, seq) of the oldest row kept when {@code keep} rows are kept, or null when all are. */
    private long[] firstKept(String table, long keep) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT ts, seq FROM " + table
                + " ORDER BY ts DESC, seq DESC OFFSET ? LIMIT 1")) {
            s.setLong(1, keep - 1);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new long[] {r.getLong(1), r.getLong(2)} : null;
            }
        }
    }

    /** Removes rows ordered before {@code (ts, seq)}: whole days first, then a bounded chunk. */
    private long trim(String table, long ts, long seq, long budget) throws SQLException {
        long deleted = 0;
        for (Map.Entry<Long, String> day : Partitions.list(connection, table).entrySet()) {
            if ((day.getKey() + 1) * Partitions.DAY_MICROS > ts) {
                break; // this day holds rows to keep
            }
            long rows = dropWholeDays ? estimate(day.getValue()) : count(day.getValue());
            if (!dropWholeDays && rows > budget - deleted) {
                break;
            }
            drop(day.getValue());
            deleted += rows;
        }
        if (deleted >= budget) {
            return deleted;
        }
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table + " WHERE (ts, seq) IN"
                + " (SELECT ts, seq FROM " + table + " WHERE (ts, seq) < (?, ?) ORDER BY ts, seq LIMIT ?)")) {
            s.setLong(1, ts);
            s.setLong(2, seq);
            s.setLong(3, budget - deleted);
            return deleted + s.executeUpdate();
        }
    }

    private long count(String partition) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + partition)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The planner's row estimate: counting a day of a busy system would scan it just to drop it. */
    private long estimate(String partition) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT greatest(reltuples, 0)::bigint FROM pg_class"
                + " WHERE oid = ?::regclass")) {
            s.setString(1, partition);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private void drop(String partition) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + Schema.LOCK_KEY + ")");
            s.execute("DROP TABLE IF EXISTS " + partition);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
