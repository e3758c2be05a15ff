package dev.spool.cli.store;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path of docs/audit.md: producers in this JVM forward to {@code spool collect} (a real process)
 * writing SQLite; {@code spool audit} then finds nothing missing, and finds the rows a test deletes.
 */
class AuditCommandIT {

    private static final int THREADS = 4;
    private static final int EVENTS = 1_500;

    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void producerThroughCollectorToSqliteIsAuditedThenADeletedGapIsNamed() throws Exception {
        Path db = dir.resolve("logs.db");
        Path socket = dir.resolve("c.sock");
        ChildJvm collect = collector("sqlite", "destination.db.type = sqlite\ndestination.db.path = " + db + "\n"
                + "route.root.destinations = db\nroute.root.level = TRACE\n", socket);
        try {
            Logger log = forwardingProducer(socket);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < EVENTS; i++) {
                        log.info("order {}", i);
                    }
                });
                thread.start();
                producers.add(thread);
            }
            for (Thread thread : producers) {
                thread.join();
            }
            Spool.shutdown(Duration.ofSeconds(30)); // the final ledger follows the last event
            collect.destroy(); // SIGTERM: the collector drains its pipeline into SQLite
            assertThat(collect.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            collect.destroyForcibly();
        }
        String node = EventId.localNodeText();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "audit", "--db", db.toString(), "--json")).as(out + "\n" + err).isZero();
        assertThat(out.toString().lines().filter(l -> l.contains("\"instance\":\"" + node + "\""))).singleElement()
                .satisfies(l -> assertThat(l).contains("\"service\":\"shop\"", "\"destination\":\"fwd\"",
                        "\"sent\":" + THREADS * EVENTS + ",", "\"stored\":" + THREADS * EVENTS + ",", "\"missing\":0,",
                        "\"in_flight\":0,", "\"state\":\"closed\""));

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE substr(event_id, 11, 8) = '"
                    + node + "' ORDER BY random() LIMIT 25)")).isEqualTo(25);
        }
        out = new StringWriter();
        assertThat(run(out, err, "audit", "--db", db.toString())).as(out + "\n" + err).isEqualTo(SpoolCommand.FAILED);
        assertThat(out.toString()).containsPattern(node + " +shop .* fwd +" + String.format("%,d", THREADS * EVENTS)
                + " +" + String.format("%,d", THREADS * EVENTS - 25) + " +25 +0 ")
                .contains("25 events missing");
    }

    @Test
    void aCollectorWritingJsonLeavesRelayLedgersThatAuditFileKeepsApartFromProducers() throws Exception {
        Path out = dir.resolve("collected.jsonl");
        Path socket = dir.resolve("j.sock");
        ChildJvm collect = collector("json", "destination.out.type = file\ndestination.out.format = json\n"
                + "destination.out.path = " + out + "\nroute.root.destinations = out\nroute.root.level = TRACE\n", socket);
        try {
            Logger log = forwardingProducer(socket);
            for (int i = 0; i < EVENTS; i++) {
                log.info("order {}", i);
            }
            Spool.shutdown(Duration.ofSeconds(30));
            collect.destroy(); // SIGTERM: the collector writes its final relay ledgers, then closes its file
            assertThat(collect.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            collect.destroyForcibly();
        }
        String node = EventId.localNodeText();
        assertThat(Files.readString(out)).as("the collector's relay ledgers are in its file").contains("\"relay\":{");

        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(text, err, "audit", "--json", "--file", out.toString())).as(text + "\n" + err).isZero();
        List<String> lines = text.toString().lines().collect(java.util.stream.Collectors.toList());
        assertThat(lines.stream().filter(l -> l.startsWith("{\"instance\"") && !l.contains(node)))
                .as("besides the producer, only the collector's own pipeline, which made no events of its own")
                .allSatisfy(l -> assertThat(l).contains("\"sent\":0,", "\"missing\":0,", "\"relays\":[]"));
        assertThat(lines.stream().filter(l -> l.startsWith("{\"instance\":\"" + node + "\"")))
                .singleElement().satisfies(l -> assertThat(l).contains("\"instance\":\"" + node + "\"",
                        "\"sent\":" + EVENTS + ",", "\"stored\":" + EVENTS + ",", "\"missing\":0,",
                        "\"role\":\"collector\"", "\"received\":" + EVENTS + ",", "\"written\":" + EVENTS + ","));
        assertThat(lines.stream().filter(l -> l.startsWith("{\"relay\""))).as("the collector's run, as a relay")
                .singleElement().satisfies(l -> assertThat(l).contains("\"role\":\"collector\"", "\"state\":\"closed\""));
    }

    /** Starts {@code spool collect} on {@code socket} with the configuration {@code properties}, once listening. */
    private ChildJvm collector(String name, String properties, Path socket) throws Exception {
        Path config = dir.resolve("collector-" + name + ".properties");
        Files.writeString(config, properties);
        ChildJvm collect = ChildJvm.builder(SpoolCommand.class).name("spool collect")
                .args("collect", "--listen", "unix:" + socket, "--config", config.toString(),
                        "--spill-dir", dir.resolve("spill-" + name).toString()).start();
        assertThat(collect.readLine(Duration.ofSeconds(60))).startsWith("spool collect: listening on");
        return collect;
    }

    /** This JVM's pipeline forwarding to the collector on {@code socket}, with a ledger every 50 ms. */
    private static Logger forwardingProducer(Path socket) {
        Spool.configure(SpoolConfig.builder().name("producer").service("shop").shutdownHook(false).jmx(false)
                .ledgerInterval(Duration.ofMillis(50))
                .destination("fwd", "forward", Map.of("address", "unix:" + socket))
                .route("root", "", Level.TRACE, "fwd").build());
        return Spool.logger("app");
    }
}
