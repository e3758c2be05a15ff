package dev.spool.consumer;

import com.rabbitmq.client.GetResponse;
import dev.spool.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer's contract over a real SQLite file. */
class SqliteConsumerIT extends ConsumerContractIT {

    @TempDir
    Path dir;

    @Override
    String createStore() {
        return "sqlite:" + dir.resolve("spool.db");
    }

    @Override
    void dropStore(String store) {
        // the temporary directory goes with the test
    }

    @Test
    void aPoisonMessageKeepsItsFailureCountAcrossARedelivery() throws Exception {
        queue.publish(Lines.body(9, 0, 5), 5, "poison");
        AtomicInteger alone = new AtomicInteger();
        // no relay ledgers: their writes would be counted below with the message's
        ConsumerSettings settings = queue.settings(store).maxAttempts(4).ledgerInterval(Duration.ZERO)
                .writerFactory(() -> new FaultyWriter(
                StoreTarget.open(store), batch -> {
                    if (alone.incrementAndGet() == 2) {
                        assertThat(queue.cutConsumerConnections()).isEqualTo(1); // the broker redelivers it
                    }
                    throw new StoreException("test: this message always fails", null, false);
                }, null)).build();
        ConsumerStats stats;
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> c.stats().deadLettered().getOrDefault("store-failed", 0L) == 1);
            stats = c.stats();
        }
        List<GetResponse> dead = queue.takeDead();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getProps().getHeaders().get("spool-dead-attempts")).isEqualTo(4);
        assertThat(stats.redeliveries()).isEqualTo(1);
        // Each delivery costs a batch write and a write alone: 4 attempts (counted in the spool-attempts header
        // through the delay queues) + the redelivery of the cut one. A count reset by the redelivery would be more.
        assertThat(alone.get()).isLessThanOrEqualTo(2 * (4 + 1));
    }
}
