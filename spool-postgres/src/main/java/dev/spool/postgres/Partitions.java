package dev.spool.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.TreeMap;

/**
 * The day partitions of {@code logs} and {@code metrics}: {@code logs_20251122} holds the events whose
 * {@code ts} falls on that UTC day. Made on demand before a batch that needs them (and a day ahead), under
 * the schema's advisory lock so that concurrent writers never race to create the same one.
 */
final class Partitions {

    static final long DAY_MICROS = 86_400_000_000L;
    static final String[] TABLES = {"logs", "metrics"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private Partitions() {
    }

    static long day(long timestampMicros) {
        return Math.floorDiv(timestampMicros, DAY_MICROS);
    }

    /** The partition of {@code table} for {@code epochDay}; days outside years 1000-9999 are named by number. */
    static String name(String table, long epochDay) {
        if (epochDay >= LocalDate.of(1000, 1, 1).toEpochDay() && epochDay < LocalDate.of(10000, 1, 1).toEpochDay()) {
            return table + "_" + DAY.format(LocalDate.ofEpochDay(epochDay));
        }
        return table + "_d" + (epochDay < 0 ? "m" + -epochDay : Long.toString(epochDay));
    }

    /** The epoch day a partition name stands for, or null when the table is not one of ours. */
    static Long dayOf(String table, String partition) {
        String suffix = partition.substring(table.length() + 1);
        try {
            if (suffix.startsWith("dm")) {
                return -Long.parseLong(suffix.substring(2));
            }
            if (suffix.startsWith("d")) {
                return Long.parseLong(suffix.substring(1));
            }
            return LocalDate.parse(suffix, DAY).toEpochDay();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Creates the partitions of both tables for {@code epochDay} unless they exist, and commits. */
    static void ensure(Connection c, long epochDay) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + Schema.LOCK_KEY + ")");
            for (String table : TABLES) {
                s.execute("CREATE TABLE IF NOT EXISTS " + name(table, epochDay) + " PARTITION OF " + table
                        + " FOR VALUES FROM (" + epochDay * DAY_MICROS + ") TO (" + (epochDay + 1) * DAY_MICROS + ")");
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** The partitions of {@code table}, by epoch day, oldest first. */
    static TreeMap<Long, String> list(Connection c, String table) throws SQLException {
        TreeMap<Long, String> days = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.relname FROM pg_inherits i"
                + " JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = ?::regclass")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Long day = dayOf(table, r.getString(1));
                    if (day != null) {
                        days.put(day, r.getString(1));
                    }
                }
            }
        }
        return days;
    }
}
