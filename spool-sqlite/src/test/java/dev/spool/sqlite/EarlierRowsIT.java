package dev.spool.sqlite;

import dev.spool.spi.RemoteThrowable;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A database written before field values were read with their types and exceptions were kept as JSON: its
 * rows (exception as plain text with the JDK's frame text) read as typed fields and an exception object,
 * without any migration.
 */
class EarlierRowsIT {

    @Test
    void rowsOfAnEarlierSpoolReadWithTypesAndTheirException(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("earlier.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            Schema.migrate(c, false);
            try (Statement s = c.createStatement()) {
                // exactly as the previous RowBatch wrote a row
                s.execute("INSERT INTO logs (event_id, ts, level, logger, thread, thread_id, message, exception, fields,"
                        + " context, correlation_id, service, host, pid) VALUES ('01KAMDRJ00CPZG0000000000RA',"
                        + " 1763769600000000, 4, 'app.http', 'main', 1, 'request failed',"
                        + " 'java.lang.IllegalStateException: no answer' || char(10) || char(9)"
                        + " || 'at java.base/java.lang.Thread.run(Thread.java:833)' || char(10) || 'Caused by: java.io.IOException'"
                        + " || char(10) || char(9) || 'at a.B.read(B.java:7)' || char(10),"
                        + " '{\"user_id\":42,\"ratio\":0.75,\"admin\":true,\"code\":\"042\",\"nan\":\"NaN\"}',"
                        + " '{\"correlation_id\":\"req-7\"}', 'req-7', 'app', 'host', 99)");
            }
        }
        try (SqliteStore store = SqliteStore.open(db)) {
            LogRecord r = store.query(LogQuery.all()).records().get(0);

            assertThat(r.fields()).containsExactly(entry("user_id", 42L), entry("ratio", 0.75), entry("admin", true),
                    entry("code", "042"), entry("nan", "NaN"));
            RemoteThrowable e = r.exception();
            assertThat(e.className()).isEqualTo("java.lang.IllegalStateException");
            assertThat(e.getMessage()).isEqualTo("no answer");
            assertThat(e.getStackTrace()).containsExactly(RemoteThrowable.frameOf("java.base/java.lang.Thread.run(Thread.java:833)"));
            RemoteThrowable cause = (RemoteThrowable) e.getCause();
            assertThat(cause.className()).isEqualTo("java.io.IOException");
            assertThat(cause.getMessage()).isNull();
            assertThat(cause.getStackTrace()).containsExactly(new StackTraceElement("a.B", "read", "B.java", 7));
        }
    }
}
