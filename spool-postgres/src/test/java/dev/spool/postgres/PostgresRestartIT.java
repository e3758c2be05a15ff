package dev.spool.postgres;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL restarted while an application logs through the {@code postgres} destination: every event
 * logged is stored exactly once, and ingestion resumes by itself.
 */
class PostgresRestartIT {

    /** How long after the server answers again a new event must be stored. */
    private static final Duration LIVENESS = Duration.ofSeconds(30);

    @TestDatabase
    private static String url;

    @AfterEach
    void stopSpool() {
        Spool.shutdown();
    }

    private static long stored() throws SQLException {
        return PostgresServer.number(url, "SELECT count(*) FROM logs");
    }

    /** Logs "event" with field i = 0, 1, 2, ... as fast as the pipeline takes them until {@code stop}. */
    private static Thread startProducer(Logger log, AtomicBoolean stop, AtomicLong logged) {
        Thread producer = new Thread(() -> {
            for (long i = 0; !stop.get(); i++) {
                log.atInfo().kv("i", i).log("event");
                logged.set(i + 1);
            }
        }, "producer");
        producer.start();
        return producer;
    }

    @Test
    void aRestartMidStreamLosesAndDuplicatesNothingAndIngestionResumesByItself() throws Exception {
        Spool.configure(SpoolConfig.builder().name("postgres-restart").jmx(false).shutdownHook(false)
                .destination("db", "postgres", Map.of("url", url, "batchSize", "1000", "batchTime", "50ms"))
                .route("root", "", Level.INFO, "db").build());
        Logger log = Spool.logger("fault");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong logged = new AtomicLong();
        Thread producer = startProducer(log, stop, logged);

        await().atMost(Duration.ofSeconds(30)).until(() -> stored() >= 5_000);
        PostgresServer.restart();
        long atRestart = logged.get();
        log.info("after restart");
        await().atMost(LIVENESS).until(() -> PostgresServer.number(url,
                "SELECT count(*) FROM logs WHERE message = 'after restart'") == 1);
        await().atMost(LIVENESS).until(() -> logged.get() > atRestart + 5_000); // the producer flows again
        stop.set(true);
        producer.join();
        assertThat(Spool.flush(Duration.ofSeconds(60))).isTrue();
        Spool.shutdown();

        long n = logged.get();
        assertThat(stored()).isEqualTo(n + 1);
        assertThat(PostgresServer.number(url, "SELECT count(DISTINCT (fields->>'i')::bigint) FROM logs"
                + " WHERE message = 'event'")).isEqualTo(n);
        assertThat(PostgresServer.number(url, "SELECT max((fields->>'i')::bigint) FROM logs")).isEqualTo(n - 1);
    }
}
