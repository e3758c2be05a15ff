package dev.spool.consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Loghive's producers as they are: a Python program using pika as Loghive's README shows
 * ({@code src/test/resources/loghive/loghive_producer.py}) publishes to a direct exchange and per-service
 * queues it declares with Loghive's arguments; {@code spool consume --no-declare --services ...} stores
 * every message once in PostgreSQL with typed fields, and refuses, with a clear reason, to re-declare
 * those queues with its own arguments.
 */
class LoghiveProducerIT {

    private static final int PER_SERVICE = 250;

    @TestDatabase
    private String url;

    @TempDir
    Path work;

    private String exchange;
    private List<String> services;
    private Consumer consumer;

    @BeforeEach
    void names() throws Exception {
        Broker.ensureRunning();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        exchange = "loghive-it-" + unique;
        services = List.of("billing-" + unique, "auth-" + unique);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
            for (String queue : services) {
                ch.queueDelete(queue);
            }
            ch.queueDelete(exchange + ".dead");
            ch.exchangeDelete(exchange);
            ch.exchangeDelete(exchange + ".dlx");
        }
    }

    private ConsumerSettings.Builder settings() {
        return ConsumerSettings.builder().amqpUri("amqp://guest:guest@127.0.0.1:5672/%2f").exchange(exchange)
                .exchangeType("direct").services(services).store(url).statusFile(work.resolve("status.json"))
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    @Test
    void everyMessageOfLoghivesOwnQueuesIsStoredOnceWithTypedFields() throws Exception {
        String sent = produce(PER_SERVICE);
        assertThat(sent).isEqualTo("sent " + (2 * PER_SERVICE));

        consumer = Consumer.start(settings().declare(false).build());
        int expected = 2 * PER_SERVICE;
        // the duplicate publish makes expected + 1 messages; every one is acknowledged, one row each distinct message
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.stats().messages() == expected + 1);
        assertThat(consumer.fatalError()).isNull();

        try (java.sql.Connection c = PostgresServer.connect(url); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM logs")).isEqualTo(expected);
            assertThat(count(s, "SELECT count(DISTINCT message) FROM logs")).isEqualTo(expected);
            assertThat(count(s, "SELECT count(*) FROM logs WHERE service = logger AND service IN ('"
                    + services.get(0) + "', '" + services.get(1) + "')")).isEqualTo(expected);
            // WARNING -> WARN (3), CRITICAL -> FATAL (5): levels 1..5 each a fifth of the messages
            try (ResultSet r = s.executeQuery("SELECT level, count(*) FROM logs GROUP BY level ORDER BY level")) {
                List<String> levels = new ArrayList<>();
                while (r.next()) {
                    levels.add(r.getInt(1) + ":" + r.getLong(2));
                }
                assertThat(levels).containsExactly("1:100", "2:100", "3:100", "4:100", "5:100");
            }
            try (ResultSet r = s.executeQuery("SELECT jsonb_typeof(fields->'user_id'), jsonb_typeof(fields->'seq'),"
                    + " jsonb_typeof(fields->'ratio'), jsonb_typeof(fields->'ok'), fields->>'code', fields->>'seq'"
                    + " FROM logs WHERE message = '" + services.get(1) + " step 7 done'")) {
                assertThat(r.next()).isTrue();
                assertThat(List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6))).containsExactly("string", "number", "number", "boolean", "042", "7");
            }
        }
        assertThat(consumer.stats().duplicates()).as("the re-sent message").isEqualTo(1);
        assertThat(consumer.stats().deadLetteredTotal()).isZero();
        for (String queue : services) {
            assertThat(Broker.messageCount(queue)).isZero();
        }
    }

    @Test
    void redeclaringLoghivesQueuesWithSpoolsArgumentsStopsWithAReasonInsteadOfRetryingForever() throws Exception {
        produce(1);
        consumer = Consumer.start(settings().build()); // declare(true): Spool's x-overflow, dead-letter exchange
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.fatalError() != null);
        assertThat(consumer.fatalError()).contains("queue '" + services.get(0) + "'").contains("PRECONDITION_FAILED")
                .contains("--no-declare");
        assertThat(Broker.messageCount(services.get(0))).as("nothing taken: a message and its re-send").isEqualTo(2);
    }

    @Test
    void aMissingQueueIsNamedWhenNotDeclaring() throws Exception {
        try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(exchange, "direct", true);
        }
        consumer = Consumer.start(settings().declare(false).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.stats().lastError() != null);
        assertThat(consumer.stats().lastError()).contains("queue '" + services.get(0) + "'").contains("NOT_FOUND");
        assertThat(consumer.fatalError()).as("a queue may still be declared by its owner: retried").isNull();
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Runs the Python producer; returns what it printed. */
    private String produce(int perService) throws Exception {
        Path script = work.resolve("loghive_producer.py");
        try (InputStream in = getClass().getResourceAsStream("/loghive/loghive_producer.py")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of(python(), script.toString(), "amqp://guest:guest@127.0.0.1:5672/%2F",
                exchange, Integer.toString(perService)));
        command.addAll(services);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("producer finished").isTrue();
        assertThat(p.exitValue()).as("producer exit; output: %s", out).isZero();
        return out;
    }

    /** A python3 that has pika (Debian's python3-pika, installed by .ci/run): fails loudly when there is none. */
    static String python() throws IOException, InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import pika").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed here; try the next
            }
        }
        throw new AssertionError("no python3 with pika: install Debian's python3-pika (apt-get install python3-pika);"
                + " .ci/run installs it when missing");
    }
}
