package dev.spool.consumer;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.postgres.PostgresStore;
import dev.spool.store.Audit;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/audit.md over the broker: producers log through the real {@code amqp} destination, the consumer
 * stores into PostgreSQL, and {@link Audit} finds every event, then the rows the test deletes.
 */
class LedgerAuditIT {

    private static final int THREADS = 3;
    private static final int EVENTS = 2_000;

    private TestQueue queue;
    @TestDatabase
    private String store;
    @TempDir
    Path spool;

    @BeforeEach
    void setUp() throws Exception {
        queue = new TestQueue();
    }

    @AfterEach
    void tearDown() throws Exception {
        Spool.shutdown(Duration.ofSeconds(10));
        queue.close();
    }

    private static List<Audit.Entry> audit(String url) {
        try (PostgresStore s = PostgresStore.open(url)) {
            long now = System.currentTimeMillis() * 1_000;
            return Audit.run(s, now - 3_600_000_000L, now, 60_000_000L);
        }
    }

    @Test
    void producersThroughTheBrokerAreAuditedWithNothingMissingThenADeletedGapIsNamed() throws Exception {
        String node = EventId.localNodeText();
        try (Consumer consumer = Consumer.start(queue.settings(store).workers(2).build())) {
            Map<String, String> o = new HashMap<>();
            o.put("host", "127.0.0.1");
            o.put("exchange", queue.exchange);
            o.put("queue", queue.queue);
            o.put("spool.dir", spool.toString());
            o.put("close.timeout", "60s");
            o.put("batch.maxDelay", "20ms");
            Spool.configure(SpoolConfig.builder().name("producer").service("billing").shutdownHook(false).jmx(false)
                    .shutdownTimeout(Duration.ofSeconds(60)).ledgerInterval(Duration.ofMillis(50))
                    .destination("mq", "amqp", o).route("root", "", Level.TRACE, "mq").build());
            Logger log = Spool.logger("app");
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < EVENTS; i++) {
                        log.info("invoice {}", i);
                    }
                });
                thread.start();
                producers.add(thread);
            }
            for (Thread thread : producers) {
                thread.join();
            }
            Spool.shutdown(Duration.ofSeconds(60)); // the final ledger follows the last event
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> PostgresServer.number(store,
                    "SELECT count(*) FROM ledgers WHERE final = 1 AND node = '" + node + "'") == 1
                    && StoreRows.rows(store) >= THREADS * EVENTS);
        }

        List<Audit.Entry> entries = audit(store);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo(node);
            assertThat(e.service()).isEqualTo("billing");
            assertThat(e.destination()).isEqualTo("mq");
            assertThat(e.sent()).isEqualTo(THREADS * EVENTS);
            assertThat(e.stored()).isEqualTo(THREADS * EVENTS);
            assertThat(e.missing()).isZero();
            assertThat(e.inFlight()).isZero();
            assertThat(e.state()).isEqualTo(Audit.State.CLOSED);
        });

        assertThat(PostgresServer.number(store, "WITH d AS (DELETE FROM logs WHERE event_id IN (SELECT event_id FROM logs"
                + " ORDER BY random() LIMIT 40) RETURNING 1) SELECT count(*) FROM d")).isEqualTo(40);
        assertThat(audit(store)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo(node);
            assertThat(e.missing()).isEqualTo(40);
        });
    }
}
