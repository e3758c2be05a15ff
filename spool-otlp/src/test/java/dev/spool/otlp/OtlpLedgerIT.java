package dev.spool.otlp;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.Audit;
import dev.spool.store.LedgerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ledgers over OTLP (docs/otlp.md, docs/audit.md): threads log through an {@code otlp} destination
 * writing ledgers every few milliseconds into Spool's own OTLP/HTTP receiver, which writes SQLite; the
 * audit {@code spool audit} runs finds every event, the final ledger, and nothing missing.
 */
class OtlpLedgerIT {

    private static final int THREADS = 4;
    private static final int EVENTS = 2_000;

    @TempDir
    Path dir;
    private Collector collector;

    @AfterEach
    void stop() {
        Spool.shutdown(Duration.ofSeconds(10));
        if (collector != null) {
            collector.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void ledgersOfConcurrentThreadsTravelAsRecordsAndTheAuditFindsNothingMissing(String encoding) throws Exception {
        Path db = dir.resolve("received.db");
        collector = Collector.start(CollectorConfig.builder(SpoolConfig.builder().name("receiver").shutdownHook(false)
                        .jmx(false).ledgerInterval(Duration.ZERO)
                        // default batching: the SQLite destination holds rows up to batchTime, and the receiver
                        // answers 200 once they are committed, never 503 because a commit is merely due
                        .destination("db", "sqlite", Map.of("path", db.toString()))
                        .route("root", "", Level.TRACE, "db").build())
                .listen("otlp+http://127.0.0.1:0").build());
        String endpoint = collector.otlpAddresses().get(0).replace("otlp+http://", "http://");
        Spool.configure(SpoolConfig.builder().name("producer").service("shop").shutdownHook(false).jmx(false)
                .ledgerInterval(Duration.ofMillis(5))
                .destination("otlp", "otlp", Map.of("endpoint", endpoint, "encoding", encoding,
                        "spool.dir", dir.resolve("spool").toString()))
                .route("root", "", Level.TRACE, "otlp").build());
        Logger log = Spool.logger("app");
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    log.info("thread {} order {}", thread, i);
                }
            });
            th.start();
            producers.add(th);
        }
        for (Thread th : producers) {
            th.join();
        }
        Spool.shutdown(Duration.ofSeconds(30)); // the final ledger follows the last event; close waits for delivery
        String received = collector.otlpStats().toString();
        assertThat(collector.otlpStats().refused()).as(received).allSatisfy((reason, count) ->
                assertThat(count).as(reason).isZero());
        collector.close(); // drains into SQLite
        collector = null;

        String node = EventId.localNodeText();
        try (SqliteStore store = SqliteStore.open(db)) {
            List<LedgerRecord> ledgers = store.ledgers(Long.MIN_VALUE);
            assertThat(ledgers).as(received).singleElement().satisfies(l -> {
                assertThat(l.node()).isEqualTo(node);
                assertThat(l.destination()).isEqualTo("otlp");
                assertThat(l.service()).isEqualTo("shop");
                assertThat(l.last()).isTrue();
            });
            long now = System.currentTimeMillis() * 1000;
            assertThat(Audit.run(store, Long.MIN_VALUE, now, 60_000_000L)).singleElement().satisfies(e -> {
                assertThat(e.sent()).isEqualTo(THREADS * EVENTS);
                assertThat(e.stored()).isEqualTo(THREADS * EVENTS);
                assertThat(e.missing()).isZero();
                assertThat(e.inFlight()).isZero();
                assertThat(e.state()).isEqualTo(Audit.State.CLOSED);
            });
        }
    }
}
