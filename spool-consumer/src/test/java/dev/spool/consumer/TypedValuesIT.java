package dev.spool.consumer;

import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.amqp.AmqpSinkProvider;
import dev.spool.spi.Options;
import dev.spool.spi.RemoteThrowable;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.LogStore;
import dev.spool.store.LogStores;
import dev.spool.testkit.RandomEvents;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Field values keep their types through the whole hop: the real {@code amqp} destination, RabbitMQ, the
 * consumer, a SQLite store, read back through {@link LogStore}; exceptions come back with their causes.
 */
class TypedValuesIT {

    private static final long T0 = 1_763_769_600_000_000L; // 2025-11-22T00:00:00Z

    @TempDir
    Path dir;

    private TestQueue queue;

    @BeforeEach
    void setUp() throws Exception {
        queue = new TestQueue();
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    @Test
    void typedFieldsAndExceptionsArriveAsLogged() throws Exception {
        TestEvent typed = TestEvent.event().id(EventId.high(T0 / 1000), 1).timestampMicros(T0).message("typed")
                .field("user_id", 42).field("ratio", 0.75).field("admin", true).field("code", "042")
                .throwable(new IllegalStateException("no answer", new java.io.IOException("reset")));
        long seed = Long.getLong("spool.seed", 20261205L);
        RandomEvents random = new RandomEvents(seed, true);
        Map<String, Map<String, Object>> expected = new HashMap<>();
        String store = "sqlite:" + dir.resolve("spool.db");

        try (Consumer consumer = Consumer.start(queue.settings(store).build())) {
            try (Sink sink = openDestination(dir.resolve("spool"))) {
                sink.write(typed);
                for (int i = 2; i < 202; i++) {
                    TestEvent e = random.next().id(EventId.high(T0 / 1000), i).timestampMicros(T0 + i);
                    Map<String, Object> fields = new LinkedHashMap<>();
                    random.fields.forEach((k, v) -> fields.put(k, asRead(v)));
                    expected.put(EventId.toString(e.idHigh(), e.idLow()), fields);
                    sink.write(e);
                }
                while (sink.hasBacklog()) {
                    sink.flush();
                    LockSupport.parkNanos(1_000_000L); // the pipeline's idle retry, compressed
                }
            }
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> StoreRows.rows(store) >= 201);
        }

        try (LogStore logs = LogStores.open(store)) {
            List<LogRecord> records = logs.query(LogQuery.builder().limit(1000).build()).records();
            assertThat(records).hasSize(201);
            for (LogRecord r : records) {
                if (r.message().equals("typed")) {
                    assertThat(r.fields()).containsExactlyEntriesOf(ordered());
                    RemoteThrowable e = r.exception();
                    assertThat(List.of(e.className(), e.getMessage())).containsExactly("java.lang.IllegalStateException", "no answer");
                    assertThat(((RemoteThrowable) e.getCause()).className()).isEqualTo("java.io.IOException");
                } else {
                    assertThat(r.fields()).as("seed %d, event %s", seed, r.eventId())
                            .containsExactlyEntriesOf(expected.get(r.eventId()));
                }
            }
        }
    }

    private static Map<String, Object> ordered() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", 42L);
        m.put("ratio", 0.75);
        m.put("admin", true);
        m.put("code", "042");
        return m;
    }

    /** How a logged value reads back: integers as Long, NaN and infinities as their text. */
    private static Object asRead(Object logged) {
        if (logged instanceof Integer) {
            return ((Integer) logged).longValue();
        }
        if (logged instanceof Double && !Double.isFinite((Double) logged)) {
            return logged.toString();
        }
        return logged;
    }

    private Sink openDestination(Path spool) throws Exception {
        Map<String, String> o = new HashMap<>();
        o.put("host", "127.0.0.1");
        o.put("exchange", queue.exchange);
        o.put("queue", queue.queue);
        o.put("spool.dir", spool.toString());
        o.put("close.timeout", "60s");
        o.put("batch.maxDelay", "20ms");
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
