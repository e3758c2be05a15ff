package dev.spool.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.spool.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a consumer promises over any store, against the real broker and a real store: every event once,
 * acknowledgements only after the commit, invalid and poison messages dead-lettered with a reason while
 * ingestion goes on, competing consumers safe, a graceful close that leaves nothing committed unacknowledged.
 */
abstract class ConsumerContractIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    TestQueue queue;
    String store;

    /** A fresh, empty store for one test. */
    abstract String createStore() throws Exception;

    abstract void dropStore(String store) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        queue = new TestQueue();
        store = createStore();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            queue.close();
        } finally {
            dropStore(store);
        }
    }

    /** Publishes {@code messages} messages of {@code perMessage} events of producer 0; returns the event count. */
    long publish(int producer, int messages, int perMessage) throws Exception {
        for (int m = 0; m < messages; m++) {
            queue.publish(Lines.body(producer, (long) m * perMessage, (long) (m + 1) * perMessage), perMessage,
                    "p" + producer + ":" + m);
        }
        return (long) messages * perMessage;
    }

    void awaitRows(long n) {
        await().atMost(WAIT).ignoreExceptions().until(() -> StoreRows.rows(store) >= n);
    }

    void assertExactlyOnce(long n) throws Exception {
        assertThat(StoreRows.rows(store)).as("rows").isEqualTo(n);
        assertThat(StoreRows.distinctIds(store)).as("distinct event ids").isEqualTo(n);
    }

    @Test
    void storesEveryEventOnceAndLeavesNothingUnacknowledged() throws Exception {
        long events = publish(0, 40, 50);
        ConsumerStats stats;
        try (Consumer c = Consumer.start(queue.settings(store).workers(2).build())) {
            awaitRows(events);
            await().atMost(WAIT).until(() -> c.stats().messages() == 40);
            stats = c.stats();
        }
        assertExactlyOnce(events);
        assertThat(queue.ready()).as("messages back in the queue after close").isZero();
        assertThat(stats.eventsStored()).isEqualTo(events);
        assertThat(stats.duplicates()).isZero();
        assertThat(stats.deadLetteredTotal()).isZero();
        assertThat(stats.batches()).isBetween(1L, 40L);
    }

    @Test
    void aBatchCutBeforeItsCommitIsRedeliveredAndStoredOnce() throws Exception {
        long events = publish(0, 20, 100);
        AtomicBoolean cut = new AtomicBoolean();
        ConsumerSettings settings = queue.settings(store).writerFactory(() -> new FaultyWriter(StoreTarget.open(store),
                batch -> {
                    if (cut.compareAndSet(false, true)) {
                        assertThat(queue.cutConsumerConnections()).isEqualTo(1);
                        throw new StoreException("test: the store fails while the channel is cut", null, true);
                    }
                }, null)).build();
        ConsumerStats stats;
        try (Consumer c = Consumer.start(settings)) {
            awaitRows(events);
            await().atMost(WAIT).until(() -> c.stats().messages() == 20);
            stats = c.stats();
        }
        assertExactlyOnce(events);
        assertThat(queue.ready()).isZero();
        assertThat(stats.reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(stats.redeliveries()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aBatchCommittedButNotAcknowledgedIsRedeliveredAndDeduplicated() throws Exception {
        long events = publish(0, 20, 100);
        AtomicBoolean cut = new AtomicBoolean();
        ConsumerSettings settings = queue.settings(store).writerFactory(() -> new FaultyWriter(StoreTarget.open(store),
                null, batch -> {
                    if (cut.compareAndSet(false, true)) {
                        assertThat(queue.cutConsumerConnections()).isEqualTo(1);
                    }
                })).build();
        ConsumerStats stats;
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(WAIT).until(() -> c.stats().messages() == 20);
            stats = c.stats();
        }
        assertExactlyOnce(events);
        assertThat(queue.ready()).isZero();
        assertThat(stats.duplicates()).as("the committed batch came again").isPositive();
        assertThat(stats.eventsStored()).isEqualTo(events);
    }

    @Test
    void deadLettersInvalidMessagesWithTheirReasonAndGoesOn() throws Exception {
        publish(0, 1, 10);
        publishRaw("not json at all\n".getBytes(StandardCharsets.UTF_8), null, 1, "bad-json");
        publishRaw(Lines.body(1, 0, 3), null, 2, "wrong-schema");
        publishRaw(Lines.body(1, 0, 200), null, 1, "oversized");
        publishRaw("this is not gzip".getBytes(StandardCharsets.UTF_8), "gzip", 1, "bad-gzip");
        publishRaw(gzip(new byte[1 << 20]), "gzip", 1, "gzip-bomb");
        byte[] badUtf8 = Lines.body(1, 0, 1);
        badUtf8[badUtf8.length - 10] = (byte) 0xC3; // inside the JSON, an invalid UTF-8 sequence
        badUtf8[badUtf8.length - 9] = (byte) 0x28;
        publishRaw(badUtf8, null, 1, "bad-utf8");
        publishRaw(Lines.body(1, 0, 1), "br", 1, "bad-encoding");
        publish(2, 1, 10);
        ConsumerSettings settings = queue.settings(store).maxMessageBytes(16 * 1024).maxDecodedBytes(64 * 1024).build();
        ConsumerStats stats;
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(WAIT).until(() -> c.stats().messages() == 9);
            stats = c.stats();
        }
        assertExactlyOnce(20);
        assertThat(queue.ready()).isZero();
        Map<String, String> reasons = new HashMap<>();
        for (GetResponse dead : queue.takeDead()) {
            Map<String, Object> h = dead.getProps().getHeaders();
            reasons.put(dead.getProps().getMessageId(), String.valueOf(h.get(DeadLetters.REASON_HEADER)));
            assertThat(h.get("spool-dead-detail")).isNotNull();
            assertThat(String.valueOf(h.get("spool-original-routing-key"))).isEqualTo("svc.INFO");
            assertThat(String.valueOf(h.get("spool-original-message-id"))).isEqualTo(dead.getProps().getMessageId());
        }
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of("bad-json", "bad-event",
                "wrong-schema", "bad-schema", "oversized", "too-large", "bad-gzip", "bad-gzip",
                "gzip-bomb", "too-large", "bad-utf8", "bad-utf8", "bad-encoding", "bad-encoding"));
        assertThat(stats.deadLettered()).containsEntry("too-large", 2L).containsEntry("bad-event", 1L)
                .containsEntry("bad-schema", 1L).containsEntry("bad-gzip", 1L).containsEntry("bad-utf8", 1L)
                .containsEntry("bad-encoding", 1L);
    }

    @Test
    void deadLettersAMessageThatKeepsFailingAfterMaxAttemptsAndStoresTheRest() throws Exception {
        publish(0, 5, 20);
        queue.publish(Lines.body(9, 0, 5), 5, "poison");
        publish(1, 5, 20);
        AtomicInteger poisonWrites = new AtomicInteger();
        ConsumerSettings settings = queue.settings(store).maxAttempts(3).writerFactory(() -> new FaultyWriter(
                StoreTarget.open(store), batch -> {
                    if (batch.stream().anyMatch(e -> e.message().toString().startsWith("p9 "))) {
                        poisonWrites.incrementAndGet();
                        throw new StoreException("test: this message always fails", null, false);
                    }
                }, null)).build();
        ConsumerStats stats;
        try (Consumer c = Consumer.start(settings)) {
            // The poison goes through the delay queues twice, then to .dead; the other 10 are stored.
            await().atMost(WAIT).until(() -> c.stats().deadLettered().getOrDefault("store-failed", 0L) == 1
                    && c.stats().eventsStored() == 200);
            stats = c.stats();
        }
        assertExactlyOnce(200);
        assertThat(queue.ready()).isZero();
        List<GetResponse> dead = queue.takeDead();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getProps().getMessageId()).isEqualTo("poison");
        assertThat(dead.get(0).getBody()).isEqualTo(Lines.body(9, 0, 5));
        Map<String, Object> h = dead.get(0).getProps().getHeaders();
        assertThat(String.valueOf(h.get(DeadLetters.REASON_HEADER))).isEqualTo("store-failed");
        assertThat(h.get("spool-dead-attempts")).isEqualTo(3);
        assertThat(String.valueOf(h.get("spool-dead-detail"))).contains("this message always fails");
        assertThat(stats.deadLettered()).containsEntry("store-failed", 1L);
        assertThat(poisonWrites.get()).as("writes holding the poison: batches and the attempts alone").isGreaterThanOrEqualTo(3);
    }

    @Test
    void retriesARetryableStoreFailureWithoutAckingAndStoresOnce() throws Exception {
        long events = publish(0, 10, 100);
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean(true);
        ConsumerSettings settings = queue.settings(store).writerFactory(() -> new FaultyWriter(StoreTarget.open(store),
                batch -> {
                    if (down.get()) {
                        failures.incrementAndGet();
                        throw new StoreException("test: the server is restarting", null, true);
                    }
                }, null)).build();
        ConsumerStats stats;
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(WAIT).until(() -> failures.get() >= 4);
            assertThat(c.stats().messages()).as("nothing acknowledged while the store fails").isZero();
            assertThat(c.stats().healthy()).isFalse();
            assertThat(queue.ready()).as("nothing back in the queue either: the batch is kept").isZero();
            down.set(false);
            await().atMost(WAIT).until(() -> c.stats().messages() == 10);
            stats = c.stats();
        }
        assertExactlyOnce(events);
        assertThat(stats.retries()).isGreaterThanOrEqualTo(4);
        assertThat(stats.deadLetteredTotal()).isZero();
        assertThat(stats.lastError()).contains("the server is restarting");
    }

    @Test
    void twoWorkersInEachOfTwoConsumersStoreEveryEventOnceDespiteResends() throws Exception {
        ConsumerStats a;
        ConsumerStats b;
        long events;
        try (Consumer one = Consumer.start(queue.settings(store).workers(2).prefetch(5).build());
             Consumer two = Consumer.start(queue.settings(store).workers(2).prefetch(5).build())) {
            // Published once all four workers are subscribed, so the broker shares the deliveries between
            // them; published before, the first consumer could drain the queue before the second subscribed.
            await().atMost(WAIT).until(() -> dev.spool.testkit.amqp.Broker.consumerCount(queue.queue), n -> n >= 4);
            events = publish(0, 100, 50) + publish(1, 100, 50);
            publish(0, 30, 50); // a producer re-sending what it had sent: same ids, same message ids
            await().atMost(WAIT).until(() -> one.stats().messages() + two.stats().messages() == 230);
            a = one.stats();
            b = two.stats();
        }
        assertExactlyOnce(events);
        assertThat(queue.ready()).isZero();
        assertThat(a.eventsStored() + b.eventsStored()).isEqualTo(events);
        assertThat(a.duplicates() + b.duplicates()).isEqualTo(30 * 50);
        assertThat(a.messages()).as("both consumers took part").isPositive();
        assertThat(b.messages()).as("both consumers took part").isPositive();
    }

    @Test
    void closeCommitsAndAcknowledgesWhatItHolds() throws Exception {
        long events = publish(0, 200, 20);
        try (Consumer c = Consumer.start(queue.settings(store).batchTime(Duration.ofSeconds(30))
                .batchEvents(1_000_000).prefetch(300).build())) {
            // Every message delivered, none acknowledged: the batch neither fills nor times out.
            await().atMost(WAIT).until(() -> c.stats().workersConnected() == 1 && queue.ready() == 0);
            assertThat(StoreRows.rows(store)).isZero();
            assertThat(c.stats().batches()).isZero();
        }
        assertExactlyOnce(events);
        assertThat(queue.ready()).as("close committed and acknowledged the open batch").isZero();
    }

    private void publishRaw(byte[] body, String encoding, int schema, String id) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("spool-schema", schema);
        queue.publish(body, new AMQP.BasicProperties.Builder().contentType("application/x-ndjson")
                .contentEncoding(encoding).deliveryMode(2).messageId(id).headers(headers).build());
    }

    static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
