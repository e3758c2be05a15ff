package dev.spool.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cacheSize} reaches the writer's connection as {@code PRAGMA cache_size} (negative: KiB). */
class CacheSizeTest {

    @TempDir
    Path dir;

    private static long cacheSize(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA cache_size")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void theWritersCacheIsWhatTheOptionSays() throws Exception {
        try (Connection c = Database.openWriter(SqliteSettings.defaults(dir.resolve("a.db")))) {
            assertThat(cacheSize(c)).isEqualTo(-16_384);
        }
        try (Connection c = Database.openWriter(SqliteSettings.defaults(dir.resolve("b.db")).withCacheBytes(64L << 20))) {
            assertThat(cacheSize(c)).as("the sqlite-worker seed's 64 MB").isEqualTo(-65_536);
        }
    }
}
