package dev.spool.sqlite;

import dev.spool.Resource;
import dev.spool.spi.Ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code ledgers} table (docs/audit.md): one row per producing pipeline and destination, replaced by
 * a later ledger, never by an earlier one, so a ledger delivered twice or out of order changes nothing.
 */
final class LedgerSql {

    static final String CREATE = "CREATE TABLE ledgers (node TEXT NOT NULL, start_us INTEGER NOT NULL,"
            + " pipeline TEXT NOT NULL, destination TEXT NOT NULL, at_us INTEGER NOT NULL, sent INTEGER NOT NULL,"
            + " failed INTEGER NOT NULL, dropped TEXT NOT NULL, last_counter TEXT NOT NULL, final INTEGER NOT NULL,"
            + " service TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,"
            + " PRIMARY KEY (node, start_us, pipeline, destination))";

    private static final String UPSERT = "INSERT INTO ledgers (node, start_us, pipeline, destination, at_us, sent,"
            + " failed, dropped, last_counter, final, service, host, pid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (node, start_us, pipeline, destination) DO UPDATE SET at_us = excluded.at_us,"
            + " sent = excluded.sent, failed = excluded.failed, dropped = excluded.dropped,"
            + " last_counter = excluded.last_counter, final = excluded.final"
            + " WHERE excluded.at_us > ledgers.at_us OR (excluded.at_us = ledgers.at_us AND excluded.final > ledgers.final)";

    /** A ledger with the resource of the event that carried it. */
    record Row(Ledger ledger, Resource resource) {
    }

    private LedgerSql() {
    }

    /** Writes {@code rows} inside the caller's transaction. */
    static void upsert(Connection c, Iterable<Row> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (Row row : rows) {
                Ledger l = row.ledger();
                s.setString(1, l.node());
                s.setLong(2, l.startMicros());
                s.setString(3, l.pipeline());
                s.setString(4, l.destination());
                s.setLong(5, l.atMicros());
                s.setLong(6, l.sent());
                s.setLong(7, l.failed());
                s.setString(8, droppedJson(l.dropped()));
                s.setString(9, l.lastCounter());
                s.setInt(10, l.last() ? 1 : 0);
                s.setString(11, row.resource().service());
                s.setString(12, row.resource().host());
                s.setLong(13, row.resource().pid());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Drop counts as a JSON object; reason labels are checked names (letters, digits, '_'), else quoted safely. */
    static String droppedJson(Map<String, Long> dropped) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Long> e : new TreeMap<>(dropped).entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"');
            for (char ch : e.getKey().toCharArray()) {
                if (ch == '"' || ch == '\\' || ch < 0x20) {
                    b.append(String.format("\\u%04x", (int) ch));
                } else {
                    b.append(ch);
                }
            }
            b.append("\":").append(e.getValue());
        }
        return b.append('}').toString();
    }

    /** Reads back what {@link #droppedJson} wrote; anything else (a hand-edited row) reads as no drops. */
    static Map<String, Long> parseDropped(String json) {
        Map<String, Long> dropped = new TreeMap<>();
        try {
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Object tree = dev.spool.spi.support.JsonReader.parse(bytes, 0, bytes.length);
            if (tree instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() instanceof Long n) {
                        dropped.put(String.valueOf(e.getKey()), n);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        return dropped;
    }
}
