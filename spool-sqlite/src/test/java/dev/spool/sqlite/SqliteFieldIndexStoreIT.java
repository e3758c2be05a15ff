package dev.spool.sqlite;

import dev.spool.EventId;
import dev.spool.spi.LogEvent;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.jdbc.WhereClause;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract with the contract's field keys indexed ({@code indexedFields}): field equality finds
 * the same rows through the index as through the scan, and the index is what SQLite uses.
 */
class SqliteFieldIndexStoreIT extends SqliteStoreIT {

    @Override
    List<String> indexedFields() {
        return List.of("user_id", "used", "ok");
    }

    private static List<LogEvent> users(int from, int to) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            long ts = 1_763_769_600_000_000L + i * 1_000_000L;
            events.add(TestEvent.event().id(EventId.high(ts / 1_000), i).timestampMicros(ts).message("m" + i)
                    .field("user_id", i % 10 == 0 ? (Object) "42" : (Object) (long) (i % 7)).field("flag", i % 2 == 0));
        }
        return events;
    }

    private static String plan(Path db, String sql, Object... values) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    plan.append(r.getString(4)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    void aFieldEqualityQueryWalksTheFieldIndexNewestFirst() throws Exception {
        Path db = dir.resolve("plan.db");
        try (SqliteWriter writer = SqliteWriter.open(SqliteSettings.defaults(db).withIndexedFields(List.of("user_id")))) {
            writer.write(users(0, 200));
        }
        WhereClause sql = QuerySql.of(LogQuery.builder().field("user_id", "42").build(), false, true, false,
                java.util.Set.of("user_id"));
        assertThat(plan(db, "SELECT id FROM logs" + sql.where() + " ORDER BY ts DESC, id DESC LIMIT 100",
                "42", "user_id", "42"))
                .contains("USING INDEX logs_field_user_id").doesNotContain("TEMP B-TREE");
    }

    @Test
    void anIndexAddedToAFileWithRowsCoversThemAndNewRowsOfAnyWriter() throws Exception {
        Path db = dir.resolve("later.db");
        try (SqliteWriter writer = SqliteWriter.open(SqliteSettings.defaults(db))) {
            writer.write(users(0, 100));
        }
        try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withIndexedFields(List.of("user_id"))
                .withBatch(10, Duration.ofHours(1)), "t")) {
            for (LogEvent e : users(100, 140)) {
                sink.write(e);
            }
        }
        try (SqliteWriter writer = SqliteWriter.open(SqliteSettings.defaults(db))) { // not configured: kept anyway
            writer.write(users(140, 200));
        }
        try (SqliteStore store = SqliteStore.open(db)) {
            List<String> strings = store.query(LogQuery.builder().field("user_id", "42").limit(1000).build()).records()
                    .stream().map(LogRecord::message).toList();
            assertThat(strings).hasSize(20).startsWith("m190", "m180").endsWith("m0");
            List<String> numbers = store.query(LogQuery.builder().field("user_id", "3").limit(1000).build()).records()
                    .stream().map(LogRecord::message).toList();
            assertThat(numbers).hasSize((int) java.util.stream.IntStream.range(0, 200)
                    .filter(i -> i % 10 != 0 && i % 7 == 3).count());
            assertThat(store.query(LogQuery.builder().field("user_id", "true").limit(10).build()).records()).isEmpty();
        }
    }
}
