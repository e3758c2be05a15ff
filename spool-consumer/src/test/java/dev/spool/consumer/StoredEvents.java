package dev.spool.consumer;

import dev.spool.testkit.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the PostgreSQL store of a test holds of the events {@link dev.spool.testkit.amqp.ProducerProcess}es logged: every
 * (producer, seq) pair expected, each exactly once, and nothing else.
 */
final class StoredEvents {

    private static final int SHOWN = 20;

    private final String url;

    StoredEvents(String url) {
        this.url = url;
    }

    /** Rows in the store, events and markers together; 0 while the consumer has not created the tables. */
    long rows() throws SQLException {
        if (PostgresServer.number(url, "SELECT count(*) FROM pg_class WHERE relname = 'logs'") == 0) {
            return 0;
        }
        return PostgresServer.number(url, "SELECT count(*) FROM logs");
    }

    /** Whether the marker event {@code name} is stored (exactly once: more is a failure, counted by {@link #check}). */
    boolean hasMarker(String name) throws SQLException {
        return rows() > 0 && count("SELECT count(*) FROM logs WHERE message = 'marker' AND fields->>'marker' = ?", name) > 0;
    }

    /**
     * Checks that producers {@code 0..producers-1} each have every seq {@code 0..perProducer-1} stored
     * exactly once, that {@code markers} marker rows are stored once each, and that the store holds
     * nothing else. Returns the problems found, empty when the store is exactly right.
     */
    List<String> check(int producers, long perProducer, int markers) throws SQLException {
        List<String> problems = new ArrayList<>();
        long expected = producers * perProducer + markers;
        long rows = rows();
        long ids = rows == 0 ? 0 : PostgresServer.number(url, "SELECT count(DISTINCT event_id) FROM logs");
        if (rows != expected || ids != expected) {
            problems.add("expected " + expected + " rows with as many distinct event ids, found " + rows + " rows and "
                    + ids + " distinct event ids");
        }
        if (rows == 0) {
            return problems;
        }
        for (int p = 0; p < producers; p++) {
            long missing = count("SELECT count(*) FROM generate_series(0, ?::bigint - 1) s WHERE NOT EXISTS (SELECT 1 FROM logs"
                    + " WHERE message = 'event' AND fields->>'producer' = ? AND (fields->>'seq')::bigint = s)",
                    perProducer, Integer.toString(p));
            if (missing > 0) {
                problems.add("producer " + p + ": " + missing + " of " + perProducer + " events missing, first seqs "
                        + list("SELECT s FROM generate_series(0, ?::bigint - 1) s WHERE NOT EXISTS (SELECT 1 FROM logs"
                        + " WHERE message = 'event' AND fields->>'producer' = ? AND (fields->>'seq')::bigint = s)"
                        + " ORDER BY s LIMIT " + SHOWN, perProducer, Integer.toString(p)));
            }
        }
        List<String> duplicated = list("SELECT message || ' ' || coalesce(fields->>'producer', '') || '/'"
                + " || coalesce(fields->>'seq', fields->>'marker', '') || ' x' || count(*) FROM logs"
                + " GROUP BY message, fields->>'producer', fields->>'seq', fields->>'marker' HAVING count(*) > 1"
                + " ORDER BY 1 LIMIT " + SHOWN);
        if (!duplicated.isEmpty()) {
            problems.add("stored more than once (message producer/seq xcopies): " + duplicated);
        }
        List<String> unexpected = list("SELECT event_id || ' ' || message || ' ' || coalesce(fields::text, '') FROM logs"
                + " WHERE NOT (message = 'marker' OR (message = 'event' AND (fields->>'producer')::int BETWEEN 0 AND ?::bigint - 1"
                + " AND (fields->>'seq')::bigint BETWEEN 0 AND ?::bigint - 1)) LIMIT " + SHOWN, producers, perProducer);
        if (!unexpected.isEmpty()) {
            problems.add("rows no producer logged: " + unexpected);
        }
        long markerRows = PostgresServer.number(url, "SELECT count(*) FROM logs WHERE message = 'marker'");
        if (markerRows != markers) {
            problems.add("expected " + markers + " marker rows, found " + markerRows);
        }
        return problems;
    }

    private long count(String sql, Object... args) throws SQLException {
        List<String> r = list(sql, args);
        return Long.parseLong(r.get(0));
    }

    private List<String> list(String sql, Object... args) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresServer.connect(url); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
