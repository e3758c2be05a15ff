package dev.spool.sqlite;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.LogStore;
import dev.spool.store.LogStores;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An in-memory SQLite store for users' tests: {@code :memory:NAME}, shared in the JVM, nothing on disk. */
class InMemoryStoreTest {

    @AfterEach
    void drop() {
        Spool.shutdown(Duration.ofSeconds(5));
        SqliteStore.dropMemory("orders");
        SqliteStore.dropMemory("a");
        SqliteStore.dropMemory("b");
    }

    @Test
    void aDestinationWritesItAndTheStoreApiReadsItWithoutAFile() throws Exception {
        Spool.configure(SpoolConfig.builder().name("memory").jmx(false).shutdownHook(false)
                .destination("db", "sqlite", Map.of("path", ":memory:orders", "batchTime", "10ms"))
                .route("root", "", Level.INFO, "db").build());
        Spool.logger("app.orders").atInfo().kv("order_id", 42).log("placed");
        Spool.logger("app.orders").error("failed");
        Spool.shutdown(Duration.ofSeconds(10)); // written and committed, the writer closed
        try (LogStore store = LogStores.open("sqlite::memory:orders")) {
            List<LogRecord> records = store.query(LogQuery.builder().build()).records();
            assertThat(records).extracting(LogRecord::message).containsExactlyInAnyOrder("placed", "failed");
            assertThat(records.stream().filter(r -> r.message().equals("placed")).findFirst().orElseThrow().fields())
                    .containsEntry("order_id", 42L);
        }
        assertThat(Files.exists(Path.of(":memory:orders"))).as("nothing on disk").isFalse();
    }

    @Test
    void namesAreSeparateAndADroppedDatabaseIsGone() throws Exception {
        try (StoreWriter a = SqliteStore.writer(SqliteStore.memory("a")); StoreWriter b = SqliteStore.writer(SqliteStore.memory("b"))) {
            a.write(List.of(TestEvent.event().id(EventId.high(1_763_769_301_123L), 1).message("in a")));
            b.write(List.of(TestEvent.event().id(EventId.high(1_763_769_301_123L), 2).message("in b")));
        }
        try (SqliteStore a = SqliteStore.open(SqliteStore.memory("a"))) {
            assertThat(a.query(LogQuery.builder().build()).records()).extracting(LogRecord::message).containsExactly("in a");
            assertThat(a.sizeBytes()).isPositive();
        }
        assertThat(SqliteStore.dropMemory("a")).isTrue();
        assertThatThrownBy(() -> SqliteStore.open(SqliteStore.memory("a"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("no in-memory SQLite database ':memory:a'");
        assertThatThrownBy(() -> SqliteStore.open(SqliteStore.memory("never"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("makes it");
        assertThatThrownBy(() -> SqliteStore.memory("")).isInstanceOf(IllegalArgumentException.class);
    }
}
