package dev.spool.postgres;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Resource;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.store.Audit;
import dev.spool.store.LogQuery;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ledgers stored by the {@code postgres} destination, and {@link Audit} reading them back (docs/audit.md). */
class PostgresLedgerAuditIT {

    private static final long HOUR_MICROS = 3_600_000_000L;

    @TestDatabase
    private static String url;

    @BeforeEach
    void emptyTables() throws Exception {
        PostgresServer.dropTables(url);
    }

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    private void produce(int threads, int events) throws InterruptedException {
        Spool.configure(SpoolConfig.builder().name("audited").service("shop").shutdownHook(false).jmx(false)
                .ledgerInterval(Duration.ofMillis(20))
                .destination("db", "postgres", Map.of("url", url, "batchTime", "5ms"))
                .route("root", "", Level.TRACE, "db").build());
        Logger log = Spool.logger("app");
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < events; i++) {
                    if (i % 10 == 0) {
                        Spool.metric("latency", i, "ms");
                    } else {
                        log.info("event {}", i);
                    }
                }
            });
            thread.start();
            producers.add(thread);
        }
        for (Thread thread : producers) {
            thread.join();
        }
        Spool.shutdown(Duration.ofSeconds(30));
    }

    private static List<Audit.Entry> audit() {
        try (PostgresStore store = PostgresStore.open(url)) {
            long now = System.currentTimeMillis() * 1_000;
            return Audit.run(store, now - HOUR_MICROS, now, 60_000_000L);
        }
    }

    private static long execute(String sql) throws Exception {
        return PostgresServer.number(url, "WITH d AS (" + sql + " RETURNING 1) SELECT count(*) FROM d");
    }

    @Test
    void concurrentProducersAreAuditedWithNothingMissingAndLedgersStayOutOfQueries() throws Exception {
        produce(4, 2_500);

        List<Audit.Entry> entries = audit();
        assertThat(entries).hasSize(1);
        Audit.Entry e = entries.get(0);
        assertThat(e.node()).isEqualTo(EventId.localNodeText());
        assertThat(e.service()).isEqualTo("shop");
        assertThat(e.destination()).isEqualTo("db");
        assertThat(e.sent()).isEqualTo(10_000);
        assertThat(e.stored()).isEqualTo(10_000);
        assertThat(e.missing()).isZero();
        assertThat(e.inFlight()).isZero();
        assertThat(e.dropped()).isEmpty();
        assertThat(e.state()).isEqualTo(Audit.State.CLOSED);
        assertThat(Audit.anyMissing(entries)).isFalse();
        try (PostgresStore store = PostgresStore.open(url)) {
            assertThat(store.query(LogQuery.builder().limit(100_000).build()).records()).hasSize(9_000)
                    .noneMatch(r -> r.logger().equals("spool.ledger"));
        }
    }

    @Test
    void rowsDeletedFromTheStoreAreFoundAndAttributedToTheirInstance() throws Exception {
        produce(2, 1_000);
        assertThat(execute("DELETE FROM logs WHERE event_id IN (SELECT event_id FROM logs ORDER BY random() LIMIT 37)"))
                .isEqualTo(37);

        List<Audit.Entry> entries = audit();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).node()).isEqualTo(EventId.localNodeText());
        assertThat(entries.get(0).sent()).isEqualTo(2_000);
        assertThat(entries.get(0).missing()).isEqualTo(37);
        assertThat(Audit.anyMissing(entries)).isTrue();
    }

    /** Events after the latest ledger are in flight, not missing; a duplicate or older ledger changes nothing. */
    @Test
    void eventsAfterTheLatestLedgerAreInFlightAndOlderOrRepeatedLedgersChangeNothing() throws Exception {
        String node = EventId.localNodeText();
        long counter0 = EventId.reserve(100);
        long now = System.currentTimeMillis() * 1_000;
        try (PostgresSink sink = PostgresSink.open(PostgresSettings.defaults(url).withBatch(1_000, Duration.ofHours(1)), "db")) {
            for (int i = 0; i < 8; i++) {
                sink.write(TestEvent.event().id(EventId.high(now / 1_000), EventId.low(counter0 + i))
                        .timestampMicros(now).message("e" + i));
            }
            sink.write(ledger(node, now + 2, 5, EventId.counterText(counter0 + 4), false));
            sink.write(ledger(node, now + 1, 3, EventId.counterText(counter0 + 2), false)); // late, older
            sink.write(ledger(node, now + 2, 5, EventId.counterText(counter0 + 4), false)); // delivered twice
            sink.flush();
            assertThat(sink.hasBacklog()).isTrue();
        }
        List<Audit.Entry> entries = audit();
        assertThat(entries).hasSize(1);
        Audit.Entry e = entries.get(0);
        assertThat(e.sent()).isEqualTo(5);
        assertThat(e.stored()).isEqualTo(8);
        assertThat(e.missing()).isZero();
        assertThat(e.inFlight()).isEqualTo(3);
        assertThat(e.state()).isEqualTo(Audit.State.RUNNING);
        assertThat(e.dropped()).containsExactly(Map.entry("queue_full", 4L));

        assertThat(execute("DELETE FROM logs WHERE message = 'e1'")).isEqualTo(1); // one the ledger counted
        assertThat(audit().get(0).missing()).isEqualTo(1);
        assertThat(execute("DELETE FROM logs WHERE message = 'e7'")).isEqualTo(1); // one in flight
        assertThat(audit().get(0).missing()).isEqualTo(1);
        assertThat(audit().get(0).inFlight()).isEqualTo(2);
    }

    private static LogEvent ledger(String node, long at, long sent, String lastCounter, boolean last) {
        Ledger ledger = new Ledger(node, 1_000, "main", "db", at, sent, 0, Map.of("queue_full", 4L), lastCounter, last);
        return new LogEvent() {
            @Override public long idHigh() { return EventId.high(at / 1_000); }
            @Override public long idLow() { return EventId.nextLow(); }
            @Override public long timestampMicros() { return at; }
            @Override public Level level() { return Level.INFO; }
            @Override public String logger() { return "spool.ledger"; }
            @Override public String threadName() { return "w"; }
            @Override public long threadId() { return 1; }
            @Override public CharSequence message() { return "ledger"; }
            @Override public int fieldCount() { return 0; }
            @Override public String fieldKey(int index) { return null; }
            @Override public Object fieldValue(int index) { return null; }
            @Override public ContextMap context() { return ContextMap.EMPTY; }
            @Override public Throwable throwable() { return null; }
            @Override public Resource resource() { return new Resource("svc", "h", 7); }
            @Override public EventKind kind() { return EventKind.LEDGER; }
            @Override public Ledger ledger() { return ledger; }
        };
    }
}
