package dev.spool.postgres;

import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.MetricQuery;
import dev.spool.store.RetentionPolicy;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import dev.spool.testkit.store.TestMetric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The {@code postgres} destination against a real server: batching, idempotence, partitions, bad input. */
class PostgresSinkIT {

    private static final AtomicLong IDS = new AtomicLong(1);
    private static final long DAY = Partitions.DAY_MICROS;
    /** 2025-11-22T00:00:00Z. */
    private static final long T0 = 1_763_769_600_000_000L;

    @TestDatabase
    private static String url;

    @BeforeEach
    void emptyTables() throws SQLException {
        PostgresServer.dropTables(url);
    }


    private static TestEvent event(long timestampMicros, String message) {
        return TestEvent.event().id(EventId.high(timestampMicros / 1_000), IDS.getAndIncrement())
                .timestampMicros(timestampMicros).message(message);
    }

    private static TestEvent event(String message) {
        return event(System.currentTimeMillis() * 1_000, message);
    }

    private static long rows(String table) throws SQLException {
        return PostgresServer.number(url, "SELECT count(*) FROM " + table);
    }

    private static PostgresSettings settings(int batchSize) {
        return PostgresSettings.defaults(url).withBatch(batchSize, Duration.ofHours(1));
    }

    @Nested
    class Batching {

        @Test
        void holdsRowsUntilTheBatchIsFullThenCommitsThemTogether() throws Exception {
            try (PostgresSink sink = PostgresSink.open(settings(5), "t")) {
                for (int i = 0; i < 4; i++) {
                    sink.write(event("e" + i));
                }
                sink.flush();
                assertThat(rows("logs")).isZero();
                assertThat(sink.hasBacklog()).isTrue();

                sink.write(event("e4"));
                sink.flush();
                assertThat(rows("logs")).isEqualTo(5);
                assertThat(sink.hasBacklog()).isFalse();
            }
        }

        @Test
        void aWriteIntoAFullBatchCommitsItFirst() throws Exception {
            try (PostgresSink sink = PostgresSink.open(settings(3), "t")) {
                for (int i = 0; i < 7; i++) {
                    sink.write(event("e" + i));
                }
                assertThat(rows("logs")).isEqualTo(6);
                assertThat(sink.pendingRows()).isEqualTo(1);
            }
            assertThat(rows("logs")).isEqualTo(7);
        }

        @Test
        void bothIngestPathsStoreTheSameRows() throws Exception {
            for (String ingest : List.of("copy", "binary", "insert")) {
                try (PostgresSink sink = PostgresSink.open(settings(2_500).withIngest(ingest), ingest)) {
                    for (int i = 0; i < 2_345; i++) {
                        sink.write(event(ingest + " " + i).field("i", i));
                    }
                }
            }
            assertThat(rows("logs")).isEqualTo(3 * 2_345);
            assertThat(PostgresServer.number(url, "SELECT count(DISTINCT fields->>'i') FROM logs")).isEqualTo(2_345);
        }
    }

    @Nested
    class ThroughThePipeline {

        @AfterEach
        void stopSpool() {
            Spool.shutdown();
        }

        private SpoolConfig config(String batchTime) {
            return SpoolConfig.builder().name("postgres-it").jmx(false).shutdownHook(false)
                    .destination("db", "postgres", Map.of("url", url, "batchTime", batchTime))
                    .route("root", "", Level.INFO, "db")
                    .build();
        }

        @Test
        void aQuietPipelineStillCommitsWithinTheBatchTime() throws Exception {
            Spool.configure(config("200ms"));
            for (int i = 0; i < 10; i++) {
                Spool.logger("app").info("event " + i);
            }
            assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
            // no further logging and no shutdown: only the idle retries of the open batch can commit it
            await().atMost(Duration.ofSeconds(10)).until(() -> rows("logs") == 10);
        }

        @Test
        void metricsGoToTheMetricsTableAndLogsToTheLogsTable() throws Exception {
            Spool.configure(config("50ms"));
            Spool.metric("request_duration", 45.2, "ms", Map.of("route", "/a"));
            Spool.metric("request_duration", 10, "ms");
            Spool.logger("app").info("one log");
            Spool.shutdown();

            assertThat(rows("logs")).isEqualTo(1);
            try (PostgresStore store = PostgresStore.open(url)) {
                assertThat(store.metrics(MetricQuery.of("request_duration")).buckets().get(0).max()).isEqualTo(45.2);
                assertThat(store.topSamples(MetricQuery.of("request_duration"), 1).get(0).tags())
                        .isEqualTo(Map.of("route", "/a"));
            }
        }
    }

    @Test
    void replaysOfCommittedEventsAreSkippedAcrossBatchesAndSinks() throws Exception {
        List<TestEvent> events = List.of(event("a"), event("b"), event("c"), event("d"));
        try (PostgresSink first = PostgresSink.open(settings(2), "first")) {
            for (TestEvent e : events.subList(0, 3)) {
                first.write(e);
            }
        }
        try (PostgresSink replay = PostgresSink.open(settings(2).withIngest("insert"), "replay")) {
            for (TestEvent e : events) {
                replay.write(e);
            }
        }
        assertThat(rows("logs")).isEqualTo(4);
    }

    @Nested
    class DayPartitions {

        @Test
        void eventsGoToThePartitionOfTheirUtcDayMadeOnDemand() throws Exception {
            try (PostgresSink sink = PostgresSink.open(settings(10), "t")) {
                sink.write(event(T0, "first microsecond of the 22nd"));
                sink.write(event(T0 + DAY - 1, "last microsecond of the 22nd"));
                sink.write(event(T0 + DAY, "the 23rd"));
                sink.write(event(T0 + 3 * DAY + 5, "the 25th"));
            }
            assertThat(rows("logs_20251122")).isEqualTo(2);
            assertThat(rows("logs_20251123")).isEqualTo(1);
            assertThat(rows("logs_20251125")).isEqualTo(1);
            assertThat(PostgresServer.number(url, "SELECT count(*) FROM pg_class WHERE relname = 'logs_20251124'")).isZero();
        }

        @Test
        void retentionDropsExpiredDaysWholeAndKeepsTheRest() throws Exception {
            PostgresSettings withRetention = settings(10).withRetention(new RetentionPolicy(Duration.ofDays(2), 0),
                    Duration.ofMillis(1));
            PostgresSink writer = PostgresSink.open(withRetention, "t");
            writer.write(event(T0, "old"));
            writer.write(event(T0 + DAY, "old too"));
            writer.write(event("recent"));
            writer.write(new TestMetric(IDS.getAndIncrement(), T0, "stale", 1, "ms"));
            writer.close(); // commits; a new sink then runs retention when idle
            try (PostgresSink sink = PostgresSink.open(withRetention, "t")) {
                sink.flush();
            }
            assertThat(PostgresServer.number(url, "SELECT count(*) FROM pg_class WHERE relname IN"
                    + " ('logs_20251122', 'logs_20251123', 'metrics_20251122')")).isZero();
            assertThat(rows("logs")).isEqualTo(1);
        }
    }

    @Nested
    class BadInput {

        @Test
        void nulInTextIsStoredAsTheReplacementCharacterAndMatchesAsSuch() throws Exception {
            try (PostgresSink sink = PostgresSink.open(settings(10), "t")) {
                sink.write(event("a\0b").field("k\0", "x\0y").thread("t\0", 1).context(Context.CORRELATION_ID, "c\0"));
            }
            try (PostgresStore store = PostgresStore.open(url)) {
                LogRecord r = store.query(LogQuery.builder().text("a\0b").build()).records().get(0);
                assertThat(r.message()).isEqualTo("a\uFFFDb");
                assertThat(r.thread()).isEqualTo("t\uFFFD");
                assertThat(r.fields()).isEqualTo(Map.of("k\uFFFD", "x\uFFFDy"));
                assertThat(r.correlationId()).isEqualTo("c\uFFFD");
            }
        }

        @Test
        void oversizedNamesAndTextAreCutWithAMarker() throws Exception {
            String longLogger = "l".repeat(10_000);
            try (PostgresSink sink = PostgresSink.open(settings(10).withMaxTextChars(1_000), "t")) {
                sink.write(event("m".repeat(3_000)).logger(longLogger));
            }
            try (PostgresStore store = PostgresStore.open(url)) {
                LogRecord r = store.query(LogQuery.all()).records().get(0);
                assertThat(r.logger()).isEqualTo("l".repeat(Schema.MAX_NAME_CHARS) + "...[9500 chars cut]");
                assertThat(r.message()).isEqualTo("m".repeat(1_000) + "...[2000 chars cut]");
            }
        }

        @Test
        void aRowPostgresRefusesIsDroppedAloneAndTheRestOfItsBatchIsStored() throws Exception {
            PostgresSink sink = PostgresSink.open(settings(10), "t");
            PostgresServer.execute(url, "ALTER TABLE logs ADD CONSTRAINT no_poison CHECK (message <> 'poison')");
            sink.write(event("ok 1"));
            sink.write(event("poison"));
            sink.write(event("ok 2"));
            sink.close();
            assertThat(sink.droppedRows()).isEqualTo(1);
            assertThat(PostgresServer.number(url, "SELECT count(*) FROM logs WHERE message LIKE 'ok _'")).isEqualTo(2);
            assertThat(rows("logs")).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableServerNeitherFailsTheOpenNorLosesTheBatch() throws Exception {
        PostgresSettings nowhere = PostgresSettings.defaults("postgresql://127.0.0.1:1/spool")
                .withBatch(10, Duration.ofNanos(1)).withFullBatchWait(Duration.ofMillis(100));
        PostgresSink sink = PostgresSink.open(nowhere, "t");
        sink.write(event("kept"));
        sink.write(event("kept too"));
        AtomicReference<String> failure = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                sink.flush(); // returns quietly while backing off between attempts
                return false;
            } catch (IOException e) {
                failure.set(e.getMessage());
                return true;
            }
        });
        assertThat(failure.get()).contains("2 rows wait for postgresql://127.0.0.1:1/spool");
        assertThat(sink.pendingRows()).isEqualTo(2);
        assertThat(sink.hasBacklog()).isTrue();
        assertThatThrownBy(sink::close).isInstanceOf(IOException.class);
    }
}
