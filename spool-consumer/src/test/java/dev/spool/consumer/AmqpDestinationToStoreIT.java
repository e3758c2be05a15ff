package dev.spool.consumer;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.amqp.AmqpSinkProvider;
import dev.spool.spi.Options;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole hop: events written by the real {@code amqp} destination (plain and gzip), consumed into the
 * real PostgreSQL, every id there exactly once. The destination and the consumer declare the same
 * topology; whichever comes first, the other's declaration must be accepted.
 */
class AmqpDestinationToStoreIT {

    private static final int EVENTS = 20_000;

    private TestQueue queue;
    @TestDatabase
    private String store;

    @BeforeEach
    void setUp() throws Exception {
        queue = new TestQueue();
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyEventTheDestinationSendsIsStoredOnce(boolean gzip, @org.junit.jupiter.api.io.TempDir Path spool) throws Exception {
        ConsumerStats stats;
        try (Consumer consumer = Consumer.start(queue.settings(store).workers(2).build())) {
            try (Sink sink = openDestination(spool, gzip)) {
                TestEvent event = TestEvent.event();
                for (long i = 0; i < EVENTS; i++) {
                    sink.write(event.id(7, i).level(i % 10 == 0 ? Level.WARN : Level.INFO).message("event " + i));
                    if (i % 500 == 499) {
                        sink.flush();
                    }
                }
                while (sink.hasBacklog()) {
                    sink.flush();
                    LockSupport.parkNanos(1_000_000L); // the pipeline's idle retry, compressed
                }
            }
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> StoreRows.rows(store) >= EVENTS);
            stats = consumer.stats();
        }
        assertThat(StoreRows.rows(store)).isEqualTo(EVENTS);
        Set<String> ids = new HashSet<>();
        try (Connection c = PostgresServer.connect(store); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT event_id FROM logs")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        for (long i = 0; i < EVENTS; i++) {
            assertThat(ids).contains(EventId.toString(7, i));
        }
        assertThat(stats.eventsStored()).isEqualTo(EVENTS);
        assertThat(stats.deadLetteredTotal()).isZero();
        assertThat(queue.ready()).isZero();
    }

    private Sink openDestination(Path spool, boolean gzip) throws Exception {
        Map<String, String> o = new HashMap<>();
        o.put("host", "127.0.0.1");
        o.put("exchange", queue.exchange);
        o.put("queue", queue.queue);
        o.put("spool.dir", spool.toString());
        o.put("close.timeout", "60s");
        o.put("batch.maxDelay", "20ms");
        o.put("gzip", Boolean.toString(gzip));
        return new AmqpSinkProvider().configure(new Options("destination.mq.", o)).open(new SinkContext() {
            @Override
            public String destinationName() {
                return "mq";
            }

            @Override
            public Resource resource() {
                return TestEvent.RESOURCE;
            }
        });
    }
}
