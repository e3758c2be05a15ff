package dev.spool.cli.consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.spool.EventId;
import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.amqp.ScratchTopology;
import dev.spool.testkit.amqp.TestTopology;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spool consume} as a real process against the real broker and a SQLite file; {@code spool status
 * --consumer} reads its status file; SIGTERM stops it after committing what it holds.
 */
class ConsumeCommandIT {

    private static final String AMQP = "amqp://guest:guest@127.0.0.1:5672/%2f";

    @TempDir
    Path dir;

    @TestTopology
    private ScratchTopology topology;
    private String queue;

    @BeforeEach
    void name() {
        queue = topology.queue(); // the exchange has the same name
    }

    private static ConnectionFactory factory() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(AMQP);
        return f;
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private static String status(Path file) {
        StringWriter out = new StringWriter();
        run(out, new StringWriter(), "status", "--consumer", file.toString());
        return out.toString();
    }

    @Test
    void consumesUntilStoppedAndReportsThroughStatus() throws Exception {
        Path db = dir.resolve("spool.db");
        Path statusFile = dir.resolve("consumer.json");
        ChildJvm consume = ChildJvm.builder(SpoolCommand.class).name("spool consume")
                .args("consume", "--amqp", AMQP, "--queue", queue, "--exchange", queue, "--store", "sqlite:" + db,
                        "--status-file", statusFile.toString(), "--batch-time", "50ms").start();
        try {
            assertThat(consume.readLine(Duration.ofSeconds(60))).startsWith("spool consume: amqp://guest:***@127.0.0.1:5672/%2f queue '" + queue + "'");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(statusFile).contains("running, healthy"));
            publish(10, 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> status(statusFile).contains("events stored     100 "));
            StringWriter json = new StringWriter();
            assertThat(run(json, new StringWriter(), "status", "--consumer", statusFile.toString(), "--json")).isZero();
            assertThat(json.toString()).contains("\"events_stored\":100").contains("\"batches\":");

            consume.destroy(); // SIGTERM: the shutdown hook closes the consumer gracefully
            assertThat(consume.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(consume.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the hook has run
            StringWriter printed = new StringWriter();
            assertThat(run(printed, new StringWriter(), "status", "--consumer", statusFile.toString()))
                    .isEqualTo(SpoolCommand.FAILED);
            assertThat(printed.toString()).contains(": stopped").contains("events stored     100 ");
            try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 ResultSet r = c.createStatement().executeQuery("SELECT count(DISTINCT event_id), count(*) FROM logs")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(100);
                assertThat(r.getLong(2)).isEqualTo(100);
            }
        } finally {
            consume.destroyForcibly();
        }
    }

    @Test
    void aBadUriIsAUsageErrorNamingTheOption() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "consume", "--amqp", "http://127.0.0.1:5672", "--store", "sqlite:x.db"))
                .isEqualTo(SpoolCommand.USAGE);
        assertThat(err.toString()).contains("bad value 'http://127.0.0.1:5672' for --amqp")
                .contains("expected amqp://USER:PASSWORD@HOST:PORT/VHOST");
        err.getBuffer().setLength(0);
        assertThat(run(new StringWriter(), err, "consume", "--store", "redis://x")).isEqualTo(SpoolCommand.USAGE);
        assertThat(err.toString()).contains("bad value 'redis://x' for --store").contains("sqlite:FILE");
    }

    @Test
    void statusWithoutAStatusFileSaysWhereItLooked() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "status", "--consumer", dir.resolve("none.json").toString()))
                .isEqualTo(SpoolCommand.FAILED);
        assertThat(err.toString()).contains("no consumer status file " + dir.resolve("none.json"));
    }

    private void publish(int messages, int perMessage) throws Exception {
        try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            for (int m = 0; m < messages; m++) {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < perMessage; i++) {
                    body.append("{\"v\":1,\"id\":\"").append(EventId.toString(1, (long) m * perMessage + i))
                            .append("\",\"level\":\"INFO\",\"message\":\"m\"}\n");
                }
                ch.basicPublish(queue, "svc.INFO", true, new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .messageId("m" + m).headers(Map.of("spool-schema", 1)).build(),
                        body.toString().getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }
}
