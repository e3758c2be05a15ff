package dev.spool.sqlite;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.LogEvent;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.MetricQuery;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.RowBatch;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.store.TestMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SqliteStore#writer}: one transaction per batch, idempotent by event id, on real files. */
class SqliteStoreWriterIT {

    private static final AtomicLong IDS = new AtomicLong(1);
    private static final long TS = 1_763_769_301_123_456L;

    @TempDir
    Path dir;

    private static TestEvent log(String message) {
        return TestEvent.event().id(EventId.high(TS / 1_000), IDS.getAndIncrement()).timestampMicros(TS).message(message);
    }

    private static List<LogEvent> logs(int n) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(log("m" + i));
        }
        return events;
    }

    @Test
    void storesABatchAndCountsARedeliveryAsDuplicates() throws Exception {
        Path db = dir.resolve("a.db");
        List<LogEvent> batch = logs(5);
        try (StoreWriter writer = SqliteStore.writer(db)) {
            assertThat(writer.write(batch)).isEqualTo(new WriteResult(5, 0, List.of()));
            List<LogEvent> again = new ArrayList<>(batch.subList(2, 5));
            again.addAll(logs(2));
            assertThat(writer.write(again)).isEqualTo(new WriteResult(2, 3, List.of()));
            assertThat(writer.write(batch)).isEqualTo(new WriteResult(0, 5, List.of()));
            assertThat(writer.describe()).contains(db.toAbsolutePath().toString());
        }
        assertThat(SqliteSinkIT.count(db, "logs")).isEqualTo(7);
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.query(LogQuery.builder().limit(100).build()).records()).extracting(LogRecord::message)
                    .containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "m0", "m1");
        }
    }

    @Test
    void batchesLargerThanOneMultiRowStatementCountEachOutcome() throws Exception {
        Path db = dir.resolve("large.db");
        List<LogEvent> first = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // logs and metrics interleaved: 47 logs, 23 metrics
            first.add(i % 3 == 2 ? new TestMetric(IDS.getAndIncrement(), TS + i, "latency", i, "ms") : log("first " + i));
        }
        List<LogEvent> second = new ArrayList<>(first.subList(25, 70)); // 45 replays
        for (int i = 0; i < 50; i++) {
            second.add(i == 30 ? new TestMetric(IDS.getAndIncrement(), TS, "latency", Double.NaN, "ms") : log("second " + i));
        }
        try (StoreWriter writer = SqliteStore.writer(db)) {
            assertThat(writer.write(first)).isEqualTo(new WriteResult(70, 0, List.of()));
            WriteResult again = writer.write(second);
            assertThat(again.stored()).isEqualTo(49);
            assertThat(again.duplicates()).isEqualTo(45);
            assertThat(again.refused()).extracting(WriteResult.Refused::index).containsExactly(75);
        }
        assertThat(SqliteSinkIT.count(db, "logs") + SqliteSinkIT.count(db, "metrics")).isEqualTo(119);
        assertThat(SqliteSinkIT.count(db, "metrics")).isEqualTo(23);
    }

    @Test
    void chunksOfEveryShapeStoreTheSameRowsInTheSameOrderAsOneRowAtATime() throws Exception {
        int chunk = InsertIngest.ROWS_PER_STATEMENT;
        Resource other = new Resource("other-service", "other-host", 7);
        List<LogEvent> events = new ArrayList<>();
        for (int kind = 0; kind < 11; kind++) {
            for (int i = 0; i < chunk; i++) {
                TestEvent e = log("kind " + kind + " row " + i).logger("app.k" + (i % 3)).thread("t-" + (i % 2), i % 2);
                if (kind >= 8) { // one logger, thread and level for the chunk, but for one row of kind 9
                    e.logger("app.same").thread("main", 1).level(kind == 9 && i == chunk - 1 ? Level.WARN : Level.INFO);
                }
                if (kind == 10) {
                    e.field("i", i).resource(other);
                }
                boolean marked = i == chunk / 2 || kind == 5;
                if (kind == 1 && marked) {
                    e.throwable(new IllegalStateException("boom"));
                } else if (kind == 2 && marked) {
                    e.field("user_id", 42).field("ok", true);
                } else if (kind == 3 && marked) {
                    e.context("correlation_id", "req-1").context("tenant", "t1");
                } else if (kind == 4 && i % 2 == 1) {
                    e.resource(other);
                } else if (kind == 5) { // every optional column, and text SQLite must keep byte for byte
                    e.throwable(new RuntimeException("x\0y")).field("k", "v\0").context("correlation_id", "c" + i)
                            .message(i % 3 == 0 ? "nul \0 inside"
                                    : i % 3 == 1 ? "lone \uD800 surrogate" : "big " + "é".repeat(100_000));
                }
                events.add(e);
            }
        }
        for (int i = 0; i < chunk / 2 + 1; i++) { // a remainder shorter than a chunk, one row at a time
            events.add(log("tail " + i).field("n", i).resource(i % 2 == 0 ? TestEvent.RESOURCE : other));
        }
        Path batched = dir.resolve("batched.db");
        Path single = dir.resolve("single.db");
        try (StoreWriter writer = SqliteStore.writer(batched)) {
            assertThat(writer.write(events)).isEqualTo(new WriteResult(events.size(), 0, List.of()));
        }
        try (StoreWriter writer = SqliteStore.writer(single)) {
            for (LogEvent e : events) {
                assertThat(writer.write(List.of(e))).isEqualTo(new WriteResult(1, 0, List.of()));
            }
        }
        List<String> rows = storedRows(batched);
        assertThat(rows).hasSize(events.size()).containsExactlyElementsOf(storedRows(single));
        assertThat(rows.get(chunk + chunk / 2)).contains("IllegalStateException".chars()
                .mapToObj(c -> String.format("%02X", c)).reduce("", String::concat));
    }

    /** Every column of every row of {@code logs} but the id, as type and bytes, in id order. */
    private static List<String> storedRows(Path db) throws Exception {
        String[] columns = RowBatch.LOG_COLUMNS.split(", ");
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.length; i++) {
            select.append(i == 0 ? "" : " || '|' || ").append("typeof(").append(columns[i]).append(") || ':' || hex(")
                    .append(columns[i]).append(')');
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery(select.append(" FROM logs ORDER BY id").toString())) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    @Test
    void anEventTwiceInOneBatchIsStoredOnce() throws Exception {
        Path db = dir.resolve("twice.db");
        TestEvent e = log("once");
        try (StoreWriter writer = SqliteStore.writer(db)) {
            assertThat(writer.write(List.of(e, e))).isEqualTo(new WriteResult(1, 1, List.of()));
        }
        assertThat(SqliteSinkIT.count(db, "logs")).isEqualTo(1);
    }

    @Test
    void writesLogsAndMetricsOfOneBatchToTheirTables() throws Exception {
        Path db = dir.resolve("mixed.db");
        List<LogEvent> batch = List.of(log("a"), new TestMetric(IDS.getAndIncrement(), TS, "request_duration", 45.2, "ms")
                .tag("route", "/x"), log("b"), new TestMetric(IDS.getAndIncrement(), TS + 1, "request_duration", 7, "ms"));
        try (StoreWriter writer = SqliteStore.writer(db)) {
            assertThat(writer.write(batch)).isEqualTo(new WriteResult(4, 0, List.of()));
            assertThat(writer.write(batch)).isEqualTo(new WriteResult(0, 4, List.of()));
        }
        assertThat(SqliteSinkIT.count(db, "logs")).isEqualTo(2);
        assertThat(SqliteSinkIT.count(db, "metrics")).isEqualTo(2);
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.topSamples(MetricQuery.of("request_duration"), 10))
                    .extracting(s -> s.value()).containsExactly(45.2, 7.0);
        }
    }

    @Test
    void leavesOutWhatSqliteRefusesAndCommitsTheRest() throws Exception {
        Path db = dir.resolve("bad.db");
        List<LogEvent> batch = List.of(log("ok 1"),
                new TestMetric(IDS.getAndIncrement(), TS, "latency", Double.NaN, "ms"), // NaN is NULL to SQLite
                log("ok 2"),
                log("no logger").logger(null),
                log(null)); // not even readable: no message
        try (StoreWriter writer = SqliteStore.writer(db)) {
            WriteResult result = writer.write(batch);
            assertThat(result.stored()).isEqualTo(2);
            assertThat(result.duplicates()).isZero();
            assertThat(result.refused()).extracting(WriteResult.Refused::index).containsExactly(1, 3, 4);
            assertThat(result.refused().get(0).reason()).contains("NOT NULL").contains("metrics.value");
            assertThat(result.refused().get(1).reason()).contains("NOT NULL").contains("logs.logger");
            assertThat(result.refused().get(2).reason()).contains("cannot be read");
            assertThat(writer.write(List.of(log("after")))).isEqualTo(new WriteResult(1, 0, List.of()));
        }
        assertThat(SqliteSinkIT.count(db, "logs")).isEqualTo(3);
        assertThat(SqliteSinkIT.count(db, "metrics")).isZero();
    }

    @Test
    void aLockedFileFailsTheWriteAsRetryableAndTheSameBatchSucceedsLater() throws Exception {
        Path db = dir.resolve("locked.db");
        List<LogEvent> batch = logs(3);
        try (StoreWriter writer = SqliteWriter.open(SqliteSettings.defaults(db).withBusyTimeout(Duration.ofMillis(50)));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> writer.write(batch))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("is locked by another connection or process")
                    .hasMessageContaining(db.toAbsolutePath().toString());
            s.execute("ROLLBACK");
            assertThat(writer.write(batch)).isEqualTo(new WriteResult(3, 0, List.of()));
        }
        assertThat(SqliteSinkIT.count(db, "logs")).isEqualTo(3);
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAsNotRetryable() throws Exception {
        Path db = dir.resolve("garbage.db");
        Files.write(db, "this is not a SQLite database, just text. ".repeat(200).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> SqliteStore.writer(db))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining(db.toAbsolutePath().toString())
                .hasMessageContaining("corrupt or not a SQLite database");
    }

    @Test
    void aFileCorruptedAfterOpeningFailsTheWriteAsNotRetryable() throws Exception {
        Path db = dir.resolve("corrupt.db");
        try (StoreWriter writer = SqliteStore.writer(db)) {
            writer.write(logs(2_000));
        }
        byte[] bytes = Files.readAllBytes(db);
        for (int i = 4_096; i < bytes.length; i++) { // every page but the header page
            bytes[i] = (byte) 0x5A;
        }
        Files.write(db, bytes);
        assertThatThrownBy(() -> {
            try (StoreWriter writer = SqliteStore.writer(db)) {
                writer.write(logs(10));
            }
        }).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining(db.toAbsolutePath().toString())
                .hasMessageContaining("corrupt");
    }

    @Test
    void aFileOfANewerSchemaIsRefusedAsNotRetryable() throws Exception {
        Path db = dir.resolve("newer.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.VERSION + 1));
        }
        assertThatThrownBy(() -> SqliteStore.writer(db))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("newer than this Spool understands");
    }
}
