package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector's relay ledgers (docs/audit.md) with real processes: producer JVMs forward to {@code spool
 * collect} (a child JVM) writing SQLite. Counted exactly under concurrent producers; a gap made by deleting
 * rows is placed after the collector with its count; a collector killed with SIGKILL mid-stream claims no
 * more than the file holds, and after its restart everything reconciles.
 */
class CollectorRelayAuditIT {

    @TempDir
    Path dir;

    /** One row of {@code relay_ledgers}. */
    record RelayRow(String node, long startMicros, String upstream, long received, long written, long duplicates,
                    long failed, long rejected, boolean last) {
    }

    private ChildJvm collector(Path db, int port, String name) throws Exception {
        Path config = dir.resolve("collector.properties");
        Files.writeString(config, "destination.db.type = sqlite\ndestination.db.path = " + db + "\n"
                + "route.root.destinations = db\nroute.root.level = TRACE\nledger.interval = 100ms\n");
        ChildJvm collect = ChildJvm.builder(SpoolCommand.class).name(name).outputFile(dir.resolve(name + ".out"))
                .args("collect", "--listen", "tcp://127.0.0.1:" + port, "--config", config.toString(),
                        "--spill-dir", dir.resolve("spill").toString()).start();
        assertThat(collect.awaitLineStartingWith("spool collect: listening on", Duration.ofSeconds(60))).isNotNull();
        return collect;
    }

    private ChildJvm producer(String service, int port, int threads, int events) throws Exception {
        return producer(service, port, threads, events, false);
    }

    private ChildJvm producer(String service, int port, int threads, int events, boolean phased) throws Exception {
        return ChildJvm.builder(LedgerProducer.class).name(service).outputFile(dir.resolve(service + ".out"))
                .property("phased", Boolean.toString(phased))
                .args(service, Integer.toString(threads), Integer.toString(events), "forward",
                        "address=tcp://127.0.0.1:" + port, "closeTimeout=90s",
                        "spillDir=" + dir.resolve("spill")).start();
    }

    private static String node(ChildJvm producer) throws InterruptedException {
        return producer.awaitLineStartingWith("node ", Duration.ofSeconds(60)).substring(5);
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    static List<RelayRow> relayRows(Path db) throws SQLException {
        List<RelayRow> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT node, start_us, upstream, received, written, duplicates, failed,"
                     + " rejected, final FROM relay_ledgers WHERE role = 'collector' ORDER BY start_us, upstream")) {
            while (r.next()) {
                rows.add(new RelayRow(r.getString(1), r.getLong(2), r.getString(3), r.getLong(4), r.getLong(5),
                        r.getLong(6), r.getLong(7), r.getLong(8), r.getInt(9) == 1));
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return rows; // the collector has not made the file yet
            }
            throw e;
        }
        return rows;
    }

    private static long lastRowId(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM logs")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw e;
        }
    }

    static long stored(Path db, String node) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM logs WHERE substr(event_id, 11, 8) = '" + node + "'")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw e;
        }
    }

    private static int audit(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        int code = SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        out.append(err.toString());
        return code;
    }

    private static String line(String json, String node) {
        return json.lines().filter(l -> l.contains("\"instance\":\"" + node + "\"")).findFirst().orElseThrow(
                () -> new AssertionError("no audit line for " + node + " in\n" + json));
    }

    private static Map<String, RelayRow> byUpstream(List<RelayRow> rows, long startMicros) {
        Map<String, RelayRow> map = new HashMap<>();
        rows.stream().filter(r -> r.startMicros() == startMicros).forEach(r -> map.put(r.upstream(), r));
        return map;
    }

    @Test
    void concurrentProducersAreCountedExactlyThenADeletedGapIsPlacedAfterTheCollector() throws Exception {
        int producers = 3;
        int threads = 4;
        int events = 2_000;
        int sent = threads * events;
        Path db = dir.resolve("logs.db");
        int port = freePort();
        ChildJvm collect = collector(db, port, "collector");
        List<ChildJvm> children = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        try {
            for (int p = 0; p < producers; p++) {
                children.add(producer("shop-" + p, port, threads, events));
            }
            for (ChildJvm child : children) {
                nodes.add(node(child));
                assertThat(child.awaitExit(Duration.ofSeconds(120))).as(child.output()).isZero();
            }
            assertThat(collect.terminate(Duration.ofSeconds(60))).isEqualTo(143); // SIGTERM: drains, final ledgers
        } finally {
            children.forEach(ChildJvm::destroyForcibly);
            collect.destroyForcibly();
        }

        List<RelayRow> rows = relayRows(db);
        assertThat(rows).as("one collector run, final; collector said: %s", collect.output()).allSatisfy(r -> assertThat(r.last()).isTrue())
                .extracting(RelayRow::startMicros).containsOnly(rows.get(0).startMicros());
        Map<String, RelayRow> run = byUpstream(rows, rows.get(0).startMicros());
        assertThat(run.keySet()).containsExactlyInAnyOrderElementsOf(with(nodes, ""));
        for (String node : nodes) {
            RelayRow r = run.get(node);
            assertThat(List.of(r.received(), r.written(), r.duplicates(), r.failed())).as(node)
                    .containsExactly((long) sent, (long) sent, 0L, 0L);
        }
        assertThat(List.of(run.get("").rejected(), run.get("").failed())).containsExactly(0L, 0L);

        StringWriter json = new StringWriter();
        assertThat(audit(json, "audit", "--db", db.toString(), "--json")).as(json.toString()).isZero();
        for (String node : nodes) {
            assertThat(line(json.toString(), node)).contains("\"sent\":" + sent + ",", "\"missing\":0,",
                    "\"relays\":[{\"role\":\"collector\",\"relays\":1,\"received\":" + sent + ",\"written\":" + sent
                            + ",\"duplicates\":0,\"failed\":0}],\"gap_at\":\"\"");
        }
        assertThat(json.toString().lines().filter(l -> l.startsWith("{\"relay\":"))).singleElement()
                .satisfies(l -> assertThat(l).contains("\"role\":\"collector\"", "\"producers\":" + producers,
                        "\"received\":" + producers * sent + ",", "\"written\":" + producers * sent + ",",
                        "\"state\":\"closed\""));

        String victim = nodes.get(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE substr(event_id, 11, 8) = '"
                    + victim + "' ORDER BY random() LIMIT 10)")).isEqualTo(10);
        }
        json = new StringWriter();
        assertThat(audit(json, "audit", "--db", db.toString(), "--json")).isEqualTo(SpoolCommand.FAILED);
        assertThat(line(json.toString(), victim)).contains("\"missing\":10,", "\"gap_at\":\"after collector\"");
        assertThat(line(json.toString(), nodes.get(0))).contains("\"missing\":0,", "\"gap_at\":\"\"");
        StringWriter text = new StringWriter();
        assertThat(audit(text, "audit", "--db", db.toString())).isEqualTo(SpoolCommand.FAILED);
        assertThat(text.toString()).contains(victim + " out: sent " + String.format("%,d", sent) + ", collector received "
                + String.format("%,d", sent) + " wrote " + String.format("%,d", sent) + ", stored "
                + String.format("%,d", sent - 10) + ": 10 lost after the collector");
    }

    private static List<String> with(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    @Test
    void aCollectorKilledMidStreamClaimsNoMoreThanTheFileHoldsAndAfterItsRestartEverythingReconciles() throws Exception {
        int producers = 2;
        int threads = 4;
        int events = 20_000; // per thread and half: the second half is logged while the collector is dead
        int sent = 2 * threads * events;
        Path db = dir.resolve("logs.db");
        int port = freePort();
        ChildJvm collect = collector(db, port, "collector-1");
        List<ChildJvm> children = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        Map<String, Long> storedAtKill = new HashMap<>();
        try {
            for (int p = 0; p < producers; p++) {
                children.add(producer("shop-" + p, port, threads, events, true));
            }
            for (ChildJvm child : children) {
                nodes.add(node(child));
            }
            // a fifth of the rows stored (the last rowid: no scan) and a relay ledger claiming some of them
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() ->
                    lastRowId(db) > producers * sent / 10 && relayRows(db).stream().anyMatch(r -> r.written() > 0));
            collect.kill(); // SIGKILL: no final ledger, no drain
            long total = 0;
            for (String node : nodes) {
                storedAtKill.put(node, stored(db, node));
                total += storedAtKill.get(node);
            }
            assertThat(total).as("killed mid-stream").isLessThan((long) producers * sent);
            List<RelayRow> dead = relayRows(db);
            assertThat(dead).isNotEmpty().noneMatch(RelayRow::last);
            for (RelayRow r : dead) {
                if (!r.upstream().isEmpty()) {
                    assertThat(r.written()).as("the killed collector's claim for %s", r.upstream())
                            .isLessThanOrEqualTo(storedAtKill.get(r.upstream()));
                }
            }
            assertThat(dead.stream().mapToLong(RelayRow::written).sum()).isPositive();
            System.out.println("the killed collector claimed " + dead); // for the report

            for (ChildJvm child : children) {
                child.awaitLineStartingWith("first half logged", Duration.ofSeconds(120));
                child.send("go"); // the second half is forwarded while no collector listens
            }
            collect = collector(db, port, "collector-2");
            for (ChildJvm child : children) {
                assertThat(child.awaitExit(Duration.ofSeconds(180))).as(child.output()).isZero();
            }
            assertThat(collect.terminate(Duration.ofSeconds(60))).isEqualTo(143);
        } finally {
            children.forEach(ChildJvm::destroyForcibly);
            collect.destroyForcibly();
        }

        StringWriter json = new StringWriter();
        assertThat(audit(json, "audit", "--db", db.toString(), "--json")).as(json.toString()).isZero();
        List<RelayRow> rows = relayRows(db);
        TreeSet<Long> runs = new TreeSet<>();
        rows.forEach(r -> runs.add(r.startMicros()));
        assertThat(runs).hasSize(2);
        Map<String, RelayRow> second = byUpstream(rows, runs.last());
        System.out.println("stored at the kill " + storedAtKill + "; the restarted collector " + second); // for the report
        for (String node : nodes) {
            assertThat(line(json.toString(), node)).contains("\"sent\":" + sent + ",", "\"stored\":" + sent + ",",
                    "\"missing\":0,", "\"state\":\"closed\"", "\"gap_at\":\"\"");
            long storedNow = stored(db, node);
            assertThat(storedNow).isEqualTo(sent);
            RelayRow r = second.get(node);
            assertThat(r.last()).isTrue();
            // it wrote at least everything stored after the kill, and never more than the file holds
            assertThat(r.written()).as(node).isBetween(storedNow - storedAtKill.get(node), storedNow);
            assertThat(r.received()).isEqualTo(r.written() + r.duplicates());
        }
        assertThat(json.toString().lines().filter(l -> l.startsWith("{\"relay\":"))).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("\"state\":\"closed\""))
                .anySatisfy(l -> assertThat(l).doesNotContain("\"state\":\"closed\""));
    }
}
