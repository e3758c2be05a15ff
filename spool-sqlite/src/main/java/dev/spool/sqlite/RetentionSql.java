package dev.spool.sqlite;

import dev.spool.store.RetentionPolicy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Deletes what a {@link RetentionPolicy} no longer keeps, oldest first and a bounded number of rows per
 * call: each DELETE is its own short transaction, so writers in this and other processes wait little.
 */
final class RetentionSql {

    private static final String[] TABLES = {"logs", "metrics"};

    private RetentionSql() {
    }

    /** Deletes at most {@code maxDeletes} rows over both tables; returns how many it deleted. */
    static long apply(Connection c, RetentionPolicy policy, int maxDeletes, long nowMicros) throws SQLException {
        long deleted = 0;
        for (String table : TABLES) {
            if (policy.maxAge() != null && deleted < maxDeletes) {
                long cutoffMicros = nowMicros - policy.maxAge().toNanos() / 1_000;
                deleted += delete(c, "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                        + " WHERE ts < ? ORDER BY ts LIMIT ?)", cutoffMicros, maxDeletes - deleted);
            }
            if (policy.maxRows() > 0 && deleted < maxDeletes) {
                long lastDoomedId = lastIdBeyond(c, table, policy.maxRows());
                if (lastDoomedId > 0) {
                    deleted += delete(c, "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                            + " WHERE id <= ? ORDER BY id LIMIT ?)", lastDoomedId, maxDeletes - deleted);
                }
            }
        }
        return deleted;
    }

    /** The id of the newest row beyond the {@code keep} newest ones, or 0 when there are no more rows. */
    private static long lastIdBeyond(Connection c, String table, long keep) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + table + " ORDER BY id DESC LIMIT 1 OFFSET ?")) {
            s.setLong(1, keep);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private static int delete(Connection c, String sql, long bound, long limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, bound);
            s.setLong(2, limit);
            return s.executeUpdate();
        }
    }
}
