package dev.spool.consumer;

import com.rabbitmq.client.GetResponse;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer's contract over the real PostgreSQL, a database of its own per test. */
class PostgresConsumerIT extends ConsumerContractIT {

    @TestDatabase
    String database;

    @Override
    String createStore() {
        return database;
    }

    @Override
    void dropStore(String store) {
        // @TestDatabase drops it when the test is done
    }

    @Test
    void anEventPostgresRefusesGoesToTheDeadLetterQueueAsItsLineAndTheRestIsStored() throws Exception {
        // A real refusal for the row's data: a check constraint the rows must pass.
        dev.spool.postgres.PostgresStore.writer(store).close(); // creates the schema
        try (java.sql.Connection c = PostgresServer.connect(store); java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE logs ADD CONSTRAINT test_refuse CHECK (message <> 'refuse me')");
        }
        String refused = "{\"v\":1,\"id\":\"" + Lines.id(5, 0) + "\",\"level\":\"INFO\",\"message\":\"refuse me\"}";
        byte[] body = (Lines.line(5, 1) + "\n" + refused + "\n" + Lines.line(5, 2) + "\n").getBytes(StandardCharsets.UTF_8);
        queue.publish(body, 3, "with-refused");
        ConsumerStats stats;
        // maxAttempts 1: refused once is dead at once (RetryQueueIT covers the delay queues).
        try (Consumer c = Consumer.start(queue.settings(store).maxAttempts(1).build())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> c.stats().messages() == 1);
            stats = c.stats();
        }
        assertExactlyOnce(2);
        assertThat(queue.ready()).isZero();
        List<GetResponse> dead = queue.takeDead();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo(refused + "\n");
        Map<String, Object> h = dead.get(0).getProps().getHeaders();
        assertThat(String.valueOf(h.get(DeadLetters.REASON_HEADER))).isEqualTo("refused");
        assertThat(String.valueOf(h.get("spool-dead-detail"))).isNotBlank();
        assertThat(h.get("spool-original-event")).isEqualTo(1);
        assertThat(dead.get(0).getProps().getMessageId()).isEqualTo("with-refused#1");
        assertThat(stats.deadLettered()).containsEntry("refused", 1L);
        assertThat(stats.eventsStored()).isEqualTo(2);
    }

    /**
     * The delay queues: events a CHECK constraint refuses wait in {@code <queue>.retry.N} (per-message TTL) and come
     * back; the constraint is dropped while they wait and the consumer restarted, and they are stored once each. An
     * event a second constraint always refuses reaches .dead after maxAttempts, its count carried across the
     * restart by the spool-attempts header (today's in-process counts would restart at zero).
     */
    @Test
    void eventsACheckConstraintRefusesWaitInTheDelayQueuesAndAreStoredOnceItIsDropped() throws Exception {
        dev.spool.postgres.PostgresStore.writer(store).close(); // creates the schema
        try (java.sql.Connection c = PostgresServer.connect(store); java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE logs ADD CONSTRAINT test_fixed_later CHECK (message NOT LIKE 'p7 %')");
            s.execute("ALTER TABLE logs ADD CONSTRAINT test_never_fixed CHECK (message <> 'never')");
        }
        long good = publish(0, 5, 10);
        publish(7, 3, 4); // 12 events refused until test_fixed_later is dropped
        String never = "{\"v\":1,\"id\":\"" + Lines.id(8, 0) + "\",\"level\":\"INFO\",\"message\":\"never\"}";
        queue.publish((Lines.line(0, 100) + "\n" + never + "\n").getBytes(StandardCharsets.UTF_8), 2, "mixed");
        // 2 s before the first return: the first consumer is closed before any refused event comes back.
        ConsumerSettings settings = queue.settings(store).maxAttempts(3).retryQueueDelay(Duration.ofSeconds(2)).build();
        ConsumerStats first;
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> c.stats().delayed() == 13 && c.stats().messages() == 9);
            first = c.stats();
        }
        assertThat(first.eventsStored()).isEqualTo(good + 1);
        assertThat(first.delayed()).as("12 refused + never, each once").isEqualTo(13);
        assertThat(first.deadLetteredTotal()).isZero();
        try (java.sql.Connection c = PostgresServer.connect(store); java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE logs DROP CONSTRAINT test_fixed_later");
        }
        ConsumerStats second;
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> c.stats().deadLetteredTotal() == 1
                    && c.stats().eventsStored() == 12);
            second = c.stats();
        }
        assertExactlyOnce(good + 1 + 12);
        assertThat(second.delayed()).as("never: attempt 2 delayed, attempt 3 dead; a count reset would delay it twice")
                .isEqualTo(1);
        assertThat(queue.ready()).isZero();
        List<GetResponse> dead = queue.takeDead();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo(never + "\n");
        Map<String, Object> h = dead.get(0).getProps().getHeaders();
        assertThat(String.valueOf(h.get(DeadLetters.REASON_HEADER))).isEqualTo("refused");
        assertThat(String.valueOf(h.get("spool-dead-detail"))).contains("test_never_fixed");
        assertThat(h.get("spool-dead-attempts")).isEqualTo(3);
        assertThat(String.valueOf(h.get("spool-original-routing-key"))).isEqualTo("svc.INFO");
        assertThat(dead.get(0).getProps().getMessageId()).isEqualTo("mixed#1");
    }
}
