package dev.spool.consumer;

import dev.spool.testkit.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads back what a real store holds: rows and distinct event ids in {@code logs}. */
final class StoreRows {

    private StoreRows() {
    }

    static long rows(String store) throws SQLException {
        return number(store, "SELECT count(*) FROM logs");
    }

    static long distinctIds(String store) throws SQLException {
        return number(store, "SELECT count(DISTINCT event_id) FROM logs");
    }

    static long number(String store, String sql) throws SQLException {
        if (store.startsWith("postgresql://")) {
            return PostgresServer.number(store, sql);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.substring("sqlite:".length()));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw e;
        }
    }
}
