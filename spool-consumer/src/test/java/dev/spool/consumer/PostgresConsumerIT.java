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
        try (Consumer c = Consumer.start(queue.settings(store).build())) {
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
}
