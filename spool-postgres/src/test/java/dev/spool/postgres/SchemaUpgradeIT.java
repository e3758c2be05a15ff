package dev.spool.postgres;

import dev.spool.EventId;
import dev.spool.spi.LogEvent;
import dev.spool.spi.RemoteThrowable;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Databases written by an earlier schema version upgrade on open; the optional indexes follow the option. */
class SchemaUpgradeIT {

    /** 2025-11-22T00:00:00Z. */
    private static final long T0 = 1_763_769_600_000_000L;

    @TestDatabase
    private static String url;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        PostgresServer.dropTables(url);
    }


    /** The secondary indexes of version 1, all made optional by migration 2 ({@code warnings} came later). */
    private static final Set<String> VERSION_1_INDEXES = Set.of("level", "logger", "thread", "correlation", "fields", "text");

    private static Set<String> optionalIndexes() throws SQLException {
        Set<String> present = new TreeSet<>();
        for (String name : Indexes.OPTIONAL.keySet()) {
            if (PostgresServer.number(url, "SELECT count(*) FROM pg_class WHERE relname = '"
                    + Indexes.indexName(name) + "'") > 0) {
                present.add(name);
            }
        }
        return present;
    }

    private static LogEvent event(long id, long ts, String message) {
        return TestEvent.event().id(EventId.high(ts / 1_000), id).timestampMicros(ts).message(message);
    }

    /** A database as version 1 left it, with one row. */
    private static void version1WithARow() throws SQLException {
        PostgresServer.execute(url, "CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        for (String sql : Schema.migration(1)) {
            PostgresServer.execute(url, sql);
        }
        PostgresServer.execute(url, "INSERT INTO schema_version (version) VALUES (1)");
        PostgresServer.execute(url, "CREATE TABLE logs_20251122 PARTITION OF logs FOR VALUES FROM (" + T0 + ") TO ("
                + (T0 + Partitions.DAY_MICROS) + ")");
        PostgresServer.execute(url, "CREATE TABLE metrics_20251122 PARTITION OF metrics FOR VALUES FROM (" + T0 + ") TO ("
                + (T0 + Partitions.DAY_MICROS) + ")");
        PostgresServer.execute(url, "INSERT INTO logs (ts, event_id, level, logger, thread, thread_id, message, service, host, pid)"
                + " VALUES (" + T0 + ", 'old-event', 2, 'app', 'main', 1, 'written by version 1', 's', 'h', 1)");
    }

    @Test
    void aVersion1DatabaseUpgradesKeepingItsRowsAndOnlyTheIndexesAskedFor() throws SQLException {
        version1WithARow();
        assertThat(optionalIndexes()).isEqualTo(VERSION_1_INDEXES);

        try (StoreWriter writer = PostgresStore.writer(url)) {
            assertThat(writer.write(List.of(event(1, T0 + 1, "written after the upgrade"))).stored()).isEqualTo(1);
        }

        assertThat(PostgresServer.number(url, "SELECT max(version) FROM schema_version")).isEqualTo(Schema.VERSION);
        assertThat(optionalIndexes()).isEqualTo(Indexes.DEFAULT);
        for (String table : List.of("logs", "metrics")) {
            assertThat(PostgresServer.number(url, "SELECT seqcache FROM pg_sequence WHERE seqrelid"
                    + " = pg_get_serial_sequence('" + table + "', 'seq')::regclass")).as(table).isEqualTo(1000);
        }
        try (PostgresStore store = PostgresStore.open(url)) {
            assertThat(store.query(LogQuery.builder().text("version 1").build()).records())
                    .extracting(r -> r.eventId()).containsExactly("old-event");
            assertThat(store.query(LogQuery.builder().build()).records()).hasSize(2);
        }
    }

    @Test
    void rowsOfAnEarlierVersionReadWithTypedFieldsAndTheirExceptionAfterTheUpgrade() throws SQLException {
        version1WithARow();
        // a row as the earlier writer made it: exception as plain text with the JDK's frame text
        PostgresServer.execute(url, "INSERT INTO logs (ts, event_id, level, logger, thread, thread_id, message, exception,"
                + " fields, service, host, pid) VALUES (" + (T0 + 5) + ", 'typed-event', 4, 'app', 'main', 1, 'typed',"
                + " E'java.lang.IllegalStateException: no answer\\n\\tat java.base/java.lang.Thread.run(Thread.java:833)\\n',"
                + " '{\"user_id\":42,\"ratio\":0.75,\"admin\":true,\"code\":\"042\"}', 's', 'h', 1)");
        PostgresStore.writer(url).close(); // upgrades

        try (PostgresStore store = PostgresStore.open(url)) {
            LogRecord r = store.query(LogQuery.builder().text("typed").build()).records().get(0);
            assertThat(r.fields()).containsOnly(entry("user_id", 42L), entry("ratio", 0.75), entry("admin", true),
                    entry("code", "042"));
            assertThat(r.exception().className()).isEqualTo("java.lang.IllegalStateException");
            assertThat(r.exception().getMessage()).isEqualTo("no answer");
            assertThat(r.exception().getStackTrace()).containsExactly(
                    RemoteThrowable.frameOf("java.base/java.lang.Thread.run(Thread.java:833)"));
        }
    }

    @Test
    void aWriterMakesTheIndexesItsUrlNamesAndNeverDropsOthers() throws SQLException {
        PostgresStore.writer(url + "?indexes=text,fields").close();
        assertThat(optionalIndexes()).containsExactlyInAnyOrder("text", "fields");

        try (StoreWriter writer = PostgresStore.writer(url + "?indexes=none")) {
            writer.write(List.of(event(2, T0, "still indexed")));
        }
        assertThat(optionalIndexes()).containsExactlyInAnyOrder("text", "fields");
        assertThat(PostgresServer.number(url, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'logs_20251122%message%'"))
                .isEqualTo(1); // made on the new day partition too

        PostgresStore.writer(url + "?indexes=all").close();
        assertThat(optionalIndexes()).isEqualTo(Indexes.OPTIONAL.keySet());
    }

    @Test
    void aDatabaseWithTheFullLevelIndexGetsNoPartialOneUntilTheFullOneIsDropped() throws SQLException {
        PostgresStore.writer(url + "?indexes=level").close(); // as the default made it before 2026-12-07
        assertThat(optionalIndexes()).containsExactly("level");

        try (StoreWriter writer = PostgresStore.writer(url)) { // today's default: warnings
            writer.write(List.of(event(3, T0, "written with the default")));
        }
        assertThat(optionalIndexes()).as("the full index serves WARN and above already").containsExactly("level");

        PostgresServer.execute(url, "DROP INDEX " + Indexes.indexName("level"));
        PostgresStore.writer(url).close();
        assertThat(optionalIndexes()).containsExactly("warnings");

        PostgresStore.writer(url + "?indexes=level,warnings").close(); // both named: both made
        assertThat(optionalIndexes()).containsExactlyInAnyOrder("level", "warnings");
    }

    @Test
    void anUnknownIndexInTheUrlIsRejectedBeforeConnecting() {
        assertThatThrownBy(() -> PostgresStore.writer(url + "?indexes=trigram"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trigram")
                .hasMessageContaining("none, all");
    }

    @Test
    void aVersion4DatabaseKeepsItsLedgersAndGainsTheRelayLedgersTable() throws SQLException {
        PostgresServer.execute(url, "CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        for (int v = 1; v <= 4; v++) {
            for (String sql : Schema.migration(v)) {
                PostgresServer.execute(url, sql);
            }
            PostgresServer.execute(url, "INSERT INTO schema_version (version) VALUES (" + v + ")");
        }
        PostgresServer.execute(url, "INSERT INTO ledgers VALUES ('ABCDEFGH', 1, 'main', 'db', 2, 10, 0, '{}', '0000000Z',"
                + " 1, 'svc', 'h', 7)");
        try (PostgresStore store = PostgresStore.open(url)) {
            assertThat(store.relayLedgers(0)).as("read before the upgrade: none, no error").isEmpty();
        }

        dev.spool.spi.Ledger.Relay relay = new dev.spool.spi.Ledger.Relay("consumer", "7QK2M9XD", 5, 4, 0, 0, 0, 0);
        LogEvent ledger = new dev.spool.spi.support.LedgerEvent(new dev.spool.spi.Ledger("RELAY000", 3, "q", "*", 4, 0, 0,
                java.util.Map.of(), "", true, relay), new dev.spool.Resource("consumer", "h", 8));
        try (StoreWriter writer = PostgresStore.writer(url)) {
            writer.write(List.of(ledger));
        }

        assertThat(PostgresServer.number(url, "SELECT max(version) FROM schema_version")).isEqualTo(5);
        try (PostgresStore store = PostgresStore.open(url)) {
            assertThat(store.ledgers(0)).singleElement().satisfies(l -> assertThat(l.sent()).isEqualTo(10));
            assertThat(store.relayLedgers(0)).singleElement().satisfies(l -> {
                assertThat(l.relay()).isEqualTo(relay);
                assertThat(l.node()).isEqualTo("RELAY000");
                assertThat(l.last()).isTrue();
                assertThat(l.service()).isEqualTo("consumer");
            });
        }
    }
}
