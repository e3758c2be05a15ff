package dev.spool.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A file written by an older Spool is upgraded in place, migration by migration. */
class SchemaTest {

    @Test
    void aVersionOneFileGetsTheSlowestSamplesIndexAndIsNotMigratedTwice(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("old.db"))) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE metrics (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL,"
                        + " name TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, tags TEXT,"
                        + " service TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL)");
                s.execute("PRAGMA user_version=1"); // as far as version 1 is concerned the other objects exist
            }
            Schema.migrate(c, false);
            Schema.migrate(c, false); // a second open finds nothing to do
            try (Statement s = c.createStatement();
                 ResultSet version = s.executeQuery("PRAGMA user_version")) {
                assertThat(version.getInt(1)).isEqualTo(Schema.VERSION).isEqualTo(5);
            }
            try (Statement s = c.createStatement();
                 ResultSet index = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'metrics_name_value'")) {
                assertThat(index.next()).isTrue();
                assertThat(index.getString(1)).contains("(name, value, ts)");
            }
        }
    }

    private static Set<String> logIndexes(Connection c) throws Exception {
        Set<String> names = new TreeSet<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'logs'"
                     + " AND name NOT LIKE 'sqlite_autoindex%'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    @Test
    void versionThreeMakesTheSecondaryLogIndexesOptionalAndWritersAddWhatTheyAskFor(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("v2.db"))) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) { // a version 2 file, as Spool 0.1 made it: every index
                s.execute("CREATE TABLE logs (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL,"
                        + " level INTEGER NOT NULL, logger TEXT NOT NULL, thread TEXT NOT NULL, correlation_id TEXT)");
                for (String index : List.of("logs_ts ON logs (ts)", "logs_level_ts ON logs (level, ts)",
                        "logs_logger_ts ON logs (logger, ts)", "logs_thread_ts ON logs (thread, ts)",
                        "logs_correlation ON logs (correlation_id) WHERE correlation_id IS NOT NULL")) {
                    s.execute("CREATE INDEX " + index);
                }
                s.execute("PRAGMA user_version=2");
            }

            Schema.migrate(c, false);
            assertThat(logIndexes(c)).containsExactly("logs_ts");

            Indexes.ensure(c, Set.of("level"));
            assertThat(logIndexes(c)).containsExactly("logs_level_ts", "logs_ts");

            Indexes.ensure(c, Set.of("thread", "correlation"));
            Indexes.ensure(c, Set.of()); // a writer asking for none drops nothing
            assertThat(logIndexes(c)).containsExactly("logs_correlation", "logs_level_ts", "logs_thread_ts", "logs_ts");
            try (Statement s = c.createStatement();
                 ResultSet plan = s.executeQuery("EXPLAIN QUERY PLAN SELECT id FROM logs WHERE thread = 'w-1' ORDER BY ts DESC")) {
                StringBuilder b = new StringBuilder();
                while (plan.next()) {
                    b.append(plan.getString(4)).append('\n');
                }
                assertThat(b.toString()).contains("logs_thread_ts");
            }
        }
    }

    @Test
    void aVersionFourFileKeepsItsLedgersAndGainsTheRelayLedgersTable(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("v4.db"))) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) { // as far as version 4 is concerned the other objects exist
                s.execute(dev.spool.store.jdbc.LedgerTable.CREATE);
                s.execute("INSERT INTO ledgers VALUES ('ABCDEFGH', 1, 'main', 'db', 2, 10, 0, '{}', '0000000Z', 1,"
                        + " 'svc', 'h', 7)");
                s.execute("PRAGMA user_version=4");
                assertThat(Schema.exists(s, "relay_ledgers")).isFalse();
            }
            Schema.migrate(c, false);
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM ledgers WHERE sent = 10),"
                         + " (SELECT count(*) FROM relay_ledgers)")) {
                r.next();
                assertThat(r.getLong(1)).as("the ledger kept").isEqualTo(1);
                assertThat(r.getLong(2)).isZero();
            }
            try (Statement s = c.createStatement(); ResultSet version = s.executeQuery("PRAGMA user_version")) {
                assertThat(version.getInt(1)).isEqualTo(5);
            }
        }
    }
}
