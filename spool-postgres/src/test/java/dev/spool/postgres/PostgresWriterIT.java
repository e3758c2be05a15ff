package dev.spool.postgres;

import dev.spool.EventId;
import dev.spool.spi.LogEvent;
import dev.spool.store.MetricQuery;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import dev.spool.testkit.store.TestMetric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link PostgresStore#writer}, the consumer's batch writer, against the real server. */
class PostgresWriterIT {

    private static final AtomicLong IDS = new AtomicLong(1);
    /** 2025-11-22T00:00:00Z. */
    private static final long T0 = 1_763_769_600_000_000L;

    @TestDatabase
    private static String url;

    @BeforeEach
    void emptyTablesFirst() throws SQLException {
        emptyTables();
    }

    private static void emptyTables() throws SQLException {
        PostgresServer.dropTables(url);
    }

    private static long rows(String table) throws SQLException {
        return PostgresServer.number(url, "SELECT count(*) FROM " + table);
    }

    private static TestEvent event(long timestampMicros, String message) {
        return TestEvent.event().id(EventId.high(timestampMicros / 1_000), IDS.getAndIncrement())
                .timestampMicros(timestampMicros).message(message);
    }

    private static List<LogEvent> events(int count, String prefix) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(T0 + i, prefix + " " + i));
        }
        return events;
    }

    @Test
    void opensAndMigratesAnEmptyDatabase() throws SQLException {
        try (StoreWriter writer = PostgresStore.writer(url)) {
            assertThat(writer.describe()).contains("127.0.0.1:5432");
            assertThat(rows("schema_version")).isEqualTo(Schema.VERSION);
        }
    }

    @Test
    void writingABatchAgainCountsItsEventsAsDuplicatesAndStoresEachOnce() throws SQLException {
        List<LogEvent> first = events(3_000, "first");
        List<LogEvent> overlapping = new ArrayList<>(first.subList(1_000, 3_000));
        overlapping.addAll(events(500, "new"));
        try (StoreWriter writer = PostgresStore.writer(url)) {
            assertThat(writer.write(first)).isEqualTo(new WriteResult(3_000, 0, List.of()));
            assertThat(writer.write(first)).isEqualTo(new WriteResult(0, 3_000, List.of()));
            assertThat(writer.write(overlapping)).isEqualTo(new WriteResult(500, 2_000, List.of()));
        }
        try (StoreWriter another = PostgresStore.writer(url)) {
            assertThat(another.write(overlapping).duplicates()).isEqualTo(2_500);
        }
        assertThat(rows("logs")).isEqualTo(3_500);
        assertThat(PostgresServer.number(url, "SELECT count(DISTINCT event_id) FROM logs")).isEqualTo(3_500);
    }

    @Test
    void everyIngestPathCountsDuplicatesAlike() throws SQLException {
        for (String path : List.of("copy", "binary", "stage", "insert")) {
            emptyTables();
            List<LogEvent> first = events(20, path);
            List<LogEvent> overlapping = new ArrayList<>(first.subList(10, 20));
            overlapping.add(new TestMetric(IDS.getAndIncrement(), T0 + 99, "m", 1, "ms"));
            try (StoreWriter writer = PostgresStore.writer(url + "?ingest=" + path)) {
                assertThat(writer.write(first)).as(path).isEqualTo(new WriteResult(20, 0, List.of()));
                assertThat(writer.write(overlapping)).as(path).isEqualTo(new WriteResult(1, 10, List.of()));
            }
            assertThat(rows("logs")).as(path).isEqualTo(20);
            assertThat(rows("metrics")).as(path).isEqualTo(1);
            assertThat(PostgresServer.number(url, "SELECT count(*) FROM logs a JOIN logs b ON a.ts < b.ts AND a.seq > b.seq"))
                    .as("%s: seq follows the write order", path).isZero();
        }
    }

    @Test
    void anEventTwiceInOneBatchIsStoredOnce() throws SQLException {
        LogEvent once = event(T0, "once");
        try (StoreWriter writer = PostgresStore.writer(url)) {
            assertThat(writer.write(List.of(once, event(T0 + 1, "other"), once)))
                    .isEqualTo(new WriteResult(2, 1, List.of()));
        }
        assertThat(rows("logs")).isEqualTo(2);
    }

    @Test
    void logsGoToLogsAndMetricsToMetricsInOneTransaction() throws SQLException {
        List<LogEvent> batch = List.of(event(T0, "a log"), new TestMetric(IDS.getAndIncrement(), T0 + 1,
                "request_duration", 45.2, "ms").tag("route", "/a"), event(T0 + 2, "another log"));
        try (StoreWriter writer = PostgresStore.writer(url)) {
            assertThat(writer.write(batch)).isEqualTo(new WriteResult(3, 0, List.of()));
            assertThat(writer.write(batch)).isEqualTo(new WriteResult(0, 3, List.of()));
        }
        assertThat(rows("logs")).isEqualTo(2);
        assertThat(rows("metrics")).isEqualTo(1);
        try (PostgresStore store = PostgresStore.open(url)) {
            assertThat(store.metrics(MetricQuery.of("request_duration")).buckets().get(0).max()).isEqualTo(45.2);
        }
    }

    @Test
    void aRowPostgresRefusesIsListedWithItsIndexAndTheRestIsCommitted() throws SQLException {
        try (StoreWriter writer = PostgresStore.writer(url)) {
            PostgresServer.execute(url, "ALTER TABLE logs ADD CONSTRAINT no_poison CHECK (message <> 'poison')");
            List<LogEvent> batch = List.of(event(T0, "ok 1"), event(T0 + 1, "poison"), event(T0 + 2, "ok 2"));
            WriteResult result = writer.write(batch);
            assertThat(result.stored()).isEqualTo(2);
            assertThat(result.duplicates()).isZero();
            assertThat(result.refused()).hasSize(1);
            assertThat(result.refused().get(0).index()).isEqualTo(1);
            assertThat(result.refused().get(0).reason()).contains("no_poison").contains("23514");

            WriteResult again = writer.write(batch);
            assertThat(again.duplicates()).isEqualTo(2);
            assertThat(again.refused()).extracting(WriteResult.Refused::index).containsExactly(1);
        }
        assertThat(PostgresServer.number(url, "SELECT count(*) FROM logs WHERE message LIKE 'ok _'")).isEqualTo(2);
        assertThat(rows("logs")).isEqualTo(2);
    }

    @Test
    void eventsOfADayWhosePartitionWasDroppedMeanwhileAreStored() throws SQLException {
        try (StoreWriter writer = PostgresStore.writer(url)) {
            writer.write(List.of(event(T0, "day one")));
            PostgresServer.execute(url, "DROP TABLE logs_20251122");
            assertThat(writer.write(List.of(event(T0 + 1, "day one again"))).stored()).isEqualTo(1);
        }
        assertThat(rows("logs")).isEqualTo(1);
    }

    @Test
    void aServerRestartBetweenWritesFailsRetryablyAndALaterWriteSucceeds() throws SQLException {
        AtomicInteger retryableFailures = new AtomicInteger();
        AtomicReference<WriteResult> stored = new AtomicReference<>();
        List<LogEvent> after = events(100, "after");
        try (StoreWriter writer = PostgresStore.writer(url)) {
            writer.write(events(100, "before"));
            PostgresServer.restart();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    stored.set(writer.write(after));
                    return true;
                } catch (StoreException e) {
                    assertThat(e.isRetryable()).as("retryable: %s", e.getMessage()).isTrue();
                    retryableFailures.incrementAndGet();
                    return false;
                }
            });
        }
        assertThat(stored.get()).isEqualTo(new WriteResult(100, 0, List.of()));
        assertThat(retryableFailures.get()).isLessThanOrEqualTo(1); // the broken connection; the next write reconnects
        assertThat(rows("logs")).isEqualTo(200);
    }

    @Test
    void anUnreachableServerIsRetryableAndAMissingDatabaseIsNot() {
        assertThatThrownBy(() -> PostgresStore.writer("postgresql://127.0.0.1:1/spool"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("127.0.0.1:1");
        assertThatThrownBy(() -> PostgresStore.writer("postgresql://127.0.0.1:5432/spool_no_such_database"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("spool_no_such_database");
        assertThatThrownBy(() -> PostgresStore.writer("mysql://127.0.0.1/spool"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> PostgresStore.writer(url + "?ingest=upsert"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upsert")
                .hasMessageContaining("copy, binary, stage, insert");
    }

    @Test
    void aDatabaseWrittenByANewerSpoolIsRefusedNotRetried() throws SQLException {
        try (StoreWriter writer = PostgresStore.writer(url)) {
            writer.write(List.of(event(T0, "x")));
        }
        PostgresServer.execute(url, "INSERT INTO schema_version (version) VALUES (" + (Schema.VERSION + 1) + ")");
        assertThatThrownBy(() -> PostgresStore.writer(url))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("newer");
    }
}
