package dev.spool.sqlite;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.spi.support.Diagnostics;
import dev.spool.store.LogQuery;
import dev.spool.store.MetricQuery;
import dev.spool.store.RetentionPolicy;
import dev.spool.testkit.SmallDisk;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.store.TestMetric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The {@code sqlite} destination on real files: batching, the pipeline's idle commits, failures. */
class SqliteSinkIT {

    private static final AtomicLong IDS = new AtomicLong(1);

    @TempDir
    Path dir;

    private static TestEvent event(String message) {
        long ts = System.currentTimeMillis() * 1_000;
        return TestEvent.event().id(EventId.high(ts / 1_000), IDS.getAndIncrement()).timestampMicros(ts).message(message);
    }

    static long count(Path db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Nested
    class Batching {

        @Test
        void commitsWhenTheBatchHoldsBatchSizeRows() throws Exception {
            Path db = dir.resolve("a.db");
            try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withBatch(3, Duration.ofHours(1)), "t")) {
                sink.write(event("1"));
                sink.write(event("2"));
                sink.flush();
                assertThat(count(db, "logs")).isZero();
                assertThat(sink.hasBacklog()).isTrue();
                sink.write(event("3"));
                sink.flush();
                assertThat(count(db, "logs")).isEqualTo(3);
                assertThat(sink.hasBacklog()).isFalse();
            }
        }

        @Test
        void aFullBatchCommitsBeforeTheNextRowIsTaken() throws Exception {
            Path db = dir.resolve("b.db");
            try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withBatch(2, Duration.ofHours(1)), "t")) {
                for (int i = 0; i < 5; i++) {
                    sink.write(event("e" + i));
                }
                assertThat(count(db, "logs")).isEqualTo(4);
                assertThat(sink.pendingRows()).isEqualTo(1);
            }
            assertThat(count(db, "logs")).isEqualTo(5);
        }

        @Test
        void replayedEventsAreStoredOnce() throws Exception {
            Path db = dir.resolve("c.db");
            TestEvent e = event("once");
            try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withBatch(1, Duration.ofHours(1)), "t")) {
                sink.write(e);
                sink.write(e);
            }
            try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db), "t")) {
                sink.write(e);
            }
            assertThat(count(db, "logs")).isEqualTo(1);
        }

        @Test
        void aRowSqliteRefusesIsLeftOutAndTheRestOfItsBatchCommits() throws Exception {
            Path db = dir.resolve("nan.db");
            long ts = System.currentTimeMillis() * 1_000;
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            PrintStream previous = Diagnostics.redirect(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withBatch(3, Duration.ofHours(1)), "nan")) {
                sink.write(event("before"));
                sink.write(new TestMetric(IDS.getAndIncrement(), ts, "latency", Double.NaN, "ms")); // NULL to SQLite
                sink.write(event("after"));
                sink.flush();
                assertThat(sink.hasBacklog()).isFalse(); // not kept for a retry that would fail the same way
            } finally {
                Diagnostics.redirect(previous);
            }
            assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("destination 'nan' (sqlite): 1 events were refused")
                    .contains("metrics.value");
            assertThat(count(db, "logs")).isEqualTo(2);
            assertThat(count(db, "metrics")).isZero();
        }

        @Test
        void retentionTrimsInTheBackgroundOfIdleFlushes() throws Exception {
            Path db = dir.resolve("r.db");
            SqliteSettings settings = SqliteSettings.defaults(db).withBatch(10, Duration.ofHours(1))
                    .withRetention(new RetentionPolicy(null, 4), Duration.ofMillis(1));
            try (SqliteSink sink = SqliteSink.open(settings, "t")) {
                for (int i = 0; i < 10; i++) {
                    sink.write(event("e" + i));
                }
                sink.flush(); // commits the full batch
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    sink.flush(); // idle: retention runs once its interval has passed
                    return count(db, "logs") == 4;
                });
            }
        }
    }

    @Nested
    class ThroughThePipeline {

        @AfterEach
        void stopSpool() {
            Spool.shutdown();
        }

        private SpoolConfig config(Path db, String batchTime) {
            return SpoolConfig.builder().name("sqlite-it").jmx(false).shutdownHook(false)
                    .destination("db", "sqlite", Map.of("path", db.toString(), "batchTime", batchTime))
                    .route("root", "", Level.INFO, "db")
                    .build();
        }

        @Test
        void aQuietPipelineStillCommitsWithinTheBatchTime() throws Exception {
            Path db = dir.resolve("p.db");
            Spool.configure(config(db, "200ms"));
            for (int i = 0; i < 10; i++) {
                Spool.logger("app").info("event " + i);
            }
            assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
            // no further logging and no shutdown: only the idle retries of the open batch can commit it
            await().atMost(Duration.ofSeconds(10)).until(() -> count(db, "logs") == 10);
        }

        @Test
        void metricsGoToTheMetricsTableAndLogsToTheLogsTable() throws Exception {
            Path db = dir.resolve("m.db");
            Spool.configure(config(db, "50ms"));
            Spool.metric("request_duration", 45.2, "ms", Map.of("route", "/a"));
            Spool.metric("request_duration", 10, "ms");
            Spool.logger("app").info("one log");
            Spool.shutdown();

            assertThat(count(db, "logs")).isEqualTo(1);
            try (SqliteStore store = SqliteStore.open(db)) {
                assertThat(store.metrics(MetricQuery.of("request_duration")).buckets().get(0).max()).isEqualTo(45.2);
                assertThat(store.topSamples(MetricQuery.of("request_duration"), 1).get(0).tags())
                        .isEqualTo(Map.of("route", "/a"));
                assertThat(store.query(LogQuery.all()).records().get(0).message()).isEqualTo("one log");
            }
        }
    }

    @Nested
    class BadDatabases {

        @Test
        void aCorruptFileFailsEveryWriteWithAClearMessageAndRecoversWhenReplaced() throws Exception {
            Path db = dir.resolve("corrupt.db");
            Files.writeString(db, "this is not a database ".repeat(100));
            try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withBatch(1, Duration.ofHours(1)), "t")) {
                assertThatThrownBy(() -> sink.write(event("lost")))
                        .isInstanceOf(IOException.class).hasMessageContaining("corrupt or not a SQLite database");
                Files.delete(db);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> sink.write(event("kept")));
                sink.flush();
            }
            try (SqliteStore store = SqliteStore.open(db)) {
                assertThat(store.query(LogQuery.all()).records()).extracting(r -> r.message()).containsExactly("kept");
            }
        }

        @Test
        void aLockedDatabaseKeepsTheBatchAndCommitsItOnceTheLockIsGone() throws Exception {
            Path db = dir.resolve("locked.db");
            SqliteSettings settings = SqliteSettings.defaults(db).withBatch(2, Duration.ofHours(1))
                    .withBusyTimeout(Duration.ofMillis(50));
            try (SqliteSink sink = SqliteSink.open(settings, "t");
                 Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement lock = locker.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                sink.write(event("a"));
                sink.write(event("b"));
                assertThatThrownBy(sink::flush).isInstanceOf(IOException.class)
                        .hasMessageContaining("is locked by another connection or process");
                assertThatThrownBy(() -> sink.write(event("refused"))).isInstanceOf(IOException.class)
                        .hasMessageContaining("2 rows are waiting");
                lock.execute("COMMIT");
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                    sink.flush();
                    return sink.pendingRows() == 0;
                });
            }
            assertThat(count(db, "logs")).isEqualTo(2);
        }

        @Test
        void aReadOnlyFileSystemFailsWritesWithAClearMessage() throws Exception {
            try (SmallDisk disk = SmallDisk.mount(dir, 1024)) {
                Path db = disk.root().resolve("ro.db");
                try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db), "t")) {
                    sink.write(event("before"));
                }
                disk.remountReadOnly();
                try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withBatch(1, Duration.ofHours(1)), "t")) {
                    assertThatThrownBy(() -> {
                        sink.write(event("refused"));
                        sink.flush();
                    }).isInstanceOf(IOException.class).hasMessageMatching(".*(is read-only|cannot open SQLite database).*");
                }
            }
        }

        @Test
        void theApplicationKeepsRunningAndTheStatsCountTheFailedEvents() throws Exception {
            Path db = dir.resolve("bad.db");
            Files.writeString(db, "garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage");
            Spool.configure(SpoolConfig.builder().name("bad-db").jmx(false).shutdownHook(false)
                    .destination("db", "sqlite", Map.of("path", db.toString()))
                    .route("root", "", Level.INFO, "db").build());
            try {
                for (int i = 0; i < 5; i++) {
                    Spool.logger("app").info("event " + i);
                }
                assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
                assertThat(Spool.stats().destinationFailed()).isEqualTo(5);
                assertThat(Spool.stats().destinations().get(0).lastError()).contains("corrupt or not a SQLite database");
            } finally {
                Spool.shutdown();
            }
        }
    }
}
