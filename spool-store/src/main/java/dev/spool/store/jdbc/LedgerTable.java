package dev.spool.store.jdbc;

import dev.spool.Resource;
import dev.spool.spi.Ledger;
import dev.spool.spi.support.JsonReader;
import dev.spool.store.LedgerRecord;
import dev.spool.store.StoredCount;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code ledgers} table (docs/audit.md), the same in SQLite and PostgreSQL: one row per producing
 * pipeline and destination, replaced by a later ledger and never by an earlier one, so a ledger delivered
 * twice or late changes nothing. Relays' ledgers go to {@code relay_ledgers}: one row per relay run and
 * upstream producer, replaced the same way. Also the count of stored events by the node characters of
 * their ids.
 */
public final class LedgerTable {

    /** The table; part of each store's schema migrations. */
    public static final String CREATE = "CREATE TABLE ledgers (node text NOT NULL, start_us bigint NOT NULL,"
            + " pipeline text NOT NULL, destination text NOT NULL, at_us bigint NOT NULL, sent bigint NOT NULL,"
            + " failed bigint NOT NULL, dropped text NOT NULL, last_counter text NOT NULL, final smallint NOT NULL,"
            + " service text NOT NULL, host text NOT NULL, pid bigint NOT NULL,"
            + " PRIMARY KEY (node, start_us, pipeline, destination))";

    /** The relays' table (schema version 5 of both stores). */
    public static final String CREATE_RELAY = "CREATE TABLE relay_ledgers (node text NOT NULL, start_us bigint NOT NULL,"
            + " pipeline text NOT NULL, upstream text NOT NULL, role text NOT NULL, at_us bigint NOT NULL,"
            + " received bigint NOT NULL, written bigint NOT NULL, duplicates bigint NOT NULL, failed bigint NOT NULL,"
            + " dead_lettered bigint NOT NULL, rejected bigint NOT NULL, final smallint NOT NULL,"
            + " service text NOT NULL, host text NOT NULL, pid bigint NOT NULL,"
            + " PRIMARY KEY (node, start_us, pipeline, upstream))";

    private static final String UPSERT_RELAY = "INSERT INTO relay_ledgers (node, start_us, pipeline, upstream, role,"
            + " at_us, received, written, duplicates, failed, dead_lettered, rejected, final, service, host, pid)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (node, start_us, pipeline, upstream) DO UPDATE SET at_us = excluded.at_us,"
            + " received = excluded.received, written = excluded.written, duplicates = excluded.duplicates,"
            + " failed = excluded.failed, dead_lettered = excluded.dead_lettered, rejected = excluded.rejected,"
            + " final = excluded.final"
            + " WHERE excluded.at_us > relay_ledgers.at_us"
            + " OR (excluded.at_us = relay_ledgers.at_us AND excluded.final > relay_ledgers.final)";

    private static final String SELECT_RELAY = "SELECT node, start_us, pipeline, upstream, role, at_us, received,"
            + " written, duplicates, failed, dead_lettered, rejected, final, service, host, pid FROM relay_ledgers"
            + " WHERE at_us >= ?";

    private static final String UPSERT = "INSERT INTO ledgers (node, start_us, pipeline, destination, at_us, sent,"
            + " failed, dropped, last_counter, final, service, host, pid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (node, start_us, pipeline, destination) DO UPDATE SET at_us = excluded.at_us,"
            + " sent = excluded.sent, failed = excluded.failed, dropped = excluded.dropped,"
            + " last_counter = excluded.last_counter, final = excluded.final"
            + " WHERE excluded.at_us > ledgers.at_us OR (excluded.at_us = ledgers.at_us AND excluded.final > ledgers.final)";

    private static final String SELECT = "SELECT node, start_us, pipeline, destination, at_us, sent, failed, dropped,"
            + " last_counter, final, service, host, pid FROM ledgers WHERE at_us >= ?";

    private LedgerTable() {
    }

    /** A ledger as the row it becomes, with the resource of the event that carried it. */
    public static LedgerRecord record(Ledger l, Resource r) {
        return new LedgerRecord(l.node(), l.startMicros(), l.pipeline(), l.destination(), l.atMicros(), l.sent(),
                l.failed(), l.dropped(), l.lastCounter(), l.last(), r.service(), r.host(), r.pid(), l.relay());
    }

    /** Writes {@code rows} inside the caller's transaction: producers' to {@code ledgers}, relays' apart. */
    public static void upsert(Connection c, List<LedgerRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<LedgerRecord> producers = new ArrayList<>(rows.size());
        List<LedgerRecord> relays = new ArrayList<>();
        for (LedgerRecord l : rows) {
            (l.relay() == null ? producers : relays).add(l);
        }
        upsertProducers(c, producers);
        upsertRelays(c, relays);
    }

    private static void upsertRelays(Connection c, List<LedgerRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT_RELAY)) {
            for (LedgerRecord l : rows) {
                Ledger.Relay r = l.relay();
                s.setString(1, l.node());
                s.setLong(2, l.startMicros());
                s.setString(3, l.pipeline());
                s.setString(4, r.upstream());
                s.setString(5, r.role());
                s.setLong(6, l.atMicros());
                s.setLong(7, r.received());
                s.setLong(8, r.written());
                s.setLong(9, r.duplicates());
                s.setLong(10, r.failed());
                s.setLong(11, r.deadLettered());
                s.setLong(12, r.rejected());
                s.setShort(13, (short) (l.last() ? 1 : 0));
                s.setString(14, l.service());
                s.setString(15, l.host());
                s.setLong(16, l.pid());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every relay row with a ledger made at or after {@code sinceMicros}. */
    public static List<LedgerRecord> selectRelays(Connection c, long sinceMicros) throws SQLException {
        List<LedgerRecord> ledgers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT_RELAY)) {
            s.setLong(1, sinceMicros);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Ledger.Relay relay = new Ledger.Relay(r.getString(5), r.getString(4), r.getLong(7), r.getLong(8),
                            r.getLong(9), r.getLong(10), r.getLong(11), r.getLong(12));
                    ledgers.add(new LedgerRecord(r.getString(1), r.getLong(2), r.getString(3), "*", r.getLong(6), 0, 0,
                            Map.of(), "", r.getInt(13) != 0, r.getString(14), r.getString(15), r.getLong(16), relay));
                }
            }
        }
        return ledgers;
    }

    private static void upsertProducers(Connection c, List<LedgerRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (LedgerRecord l : rows) {
                s.setString(1, l.node());
                s.setLong(2, l.startMicros());
                s.setString(3, l.pipeline());
                s.setString(4, l.destination());
                s.setLong(5, l.atMicros());
                s.setLong(6, l.sent());
                s.setLong(7, l.failed());
                s.setString(8, droppedJson(l.dropped()));
                s.setString(9, l.lastCounter());
                s.setShort(10, (short) (l.last() ? 1 : 0));
                s.setString(11, l.service());
                s.setString(12, l.host());
                s.setLong(13, l.pid());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every row with a ledger made at or after {@code sinceMicros}. */
    public static List<LedgerRecord> select(Connection c, long sinceMicros) throws SQLException {
        List<LedgerRecord> ledgers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setLong(1, sinceMicros);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ledgers.add(new LedgerRecord(r.getString(1), r.getLong(2), r.getString(3), r.getString(4),
                            r.getLong(5), r.getLong(6), r.getLong(7), parseDropped(r.getString(8)), r.getString(9),
                            r.getInt(10) != 0, r.getString(11), r.getString(12), r.getLong(13)));
                }
            }
        }
        return ledgers;
    }

    /**
     * The events (logs and metric samples) whose id text carries {@code node} at characters 11 to 18, and
     * those of them whose counter (characters 19 to 26) is at most {@code coveredUpTo}.
     *
     * @param collate a collation clause making the comparison bytewise ({@code COLLATE "C"} in PostgreSQL,
     *                empty in SQLite, which compares bytewise already)
     */
    public static StoredCount stored(Connection c, String node, String coveredUpTo, String collate) throws SQLException {
        String sql = "SELECT count(*), coalesce(sum(CASE WHEN substr(event_id, 19, 8) " + collate + " <= ? THEN 1 ELSE 0 END), 0)"
                + " FROM (SELECT event_id FROM logs WHERE substr(event_id, 11, 8) = ?"
                + " UNION ALL SELECT event_id FROM metrics WHERE substr(event_id, 11, 8) = ?) attributed";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, coveredUpTo);
            s.setString(2, node);
            s.setString(3, node);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new StoredCount(r.getLong(1), r.getLong(2));
            }
        }
    }

    /** Drop counts as a JSON object, reasons sorted. */
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

    /** Reads back what {@link #droppedJson} wrote; anything else (a row edited by hand) reads as no drops. */
    static Map<String, Long> parseDropped(String json) {
        Map<String, Long> dropped = new TreeMap<>();
        try {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            if (JsonReader.parse(bytes, 0, bytes.length) instanceof Map<?, ?> map) {
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
