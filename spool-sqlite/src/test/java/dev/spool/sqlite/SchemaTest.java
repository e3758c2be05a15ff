package dev.spool.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

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
                assertThat(version.getInt(1)).isEqualTo(Schema.VERSION).isEqualTo(2);
            }
            try (Statement s = c.createStatement();
                 ResultSet index = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'metrics_name_value'")) {
                assertThat(index.next()).isTrue();
                assertThat(index.getString(1)).contains("(name, value, ts)");
            }
        }
    }
}
