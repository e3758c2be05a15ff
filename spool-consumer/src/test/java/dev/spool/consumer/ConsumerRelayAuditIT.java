package dev.spool.consumer;

import dev.spool.postgres.PostgresStore;
import dev.spool.store.Audit;
import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
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
 * The consumer's relay ledgers (docs/audit.md) with real processes: producer JVMs log through the
 * {@code amqp} destination, consumer JVMs store into PostgreSQL. Counted exactly with several producers and
 * workers; a gap made by deleting rows is placed after the consumer; a consumer killed with SIGKILL
 * mid-stream claims no more than the database holds, and once another has taken over (the broker
 * redelivers what was not acknowledged) everything reconciles, the redelivered events counted exactly as
 * the store's duplicates.
 */
class ConsumerRelayAuditIT {

    @TempDir
    Path work;

    private IngestRig rig;

    /** One row of {@code relay_ledgers}. */
    record RelayRow(long startMicros, String upstream, long received, long written, long duplicates,
                    long deadLettered, boolean last) {
    }

    @BeforeEach
    void createRig() throws Exception {
        rig = IngestRig.create(work);
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    private List<RelayRow> relayRows() throws SQLException {
        List<RelayRow> rows = new ArrayList<>();
        try (Connection c = PostgresServer.connect(rig.store); Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('relay_ledgers') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return rows;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT start_us, upstream, received, written, duplicates, dead_lettered,"
                    + " final FROM relay_ledgers WHERE role = 'consumer' ORDER BY start_us, upstream")) {
                while (r.next()) {
                    rows.add(new RelayRow(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getLong(6), r.getInt(7) == 1));
                }
            }
        }
        return rows;
    }

    /** Stored events by the node characters of their ids. */
    private Map<String, Long> storedByNode() throws SQLException {
        Map<String, Long> byNode = new HashMap<>();
        try (Connection c = PostgresServer.connect(rig.store); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT substr(event_id, 11, 8), count(*) FROM logs GROUP BY 1")) {
            while (r.next()) {
                byNode.put(r.getString(1), r.getLong(2));
            }
        }
        return byNode;
    }

    private List<Audit.Entry> audit() {
        try (PostgresStore s = PostgresStore.open(rig.store)) {
            long now = System.currentTimeMillis() * 1_000;
            return Audit.run(s, now - 3_600_000_000L, now, 60_000_000L).stream()
                    .filter(e -> e.service().startsWith("producer-")).toList();
        }
    }

    private void awaitFinalProducerLedgers(int producers) {
        await("the producers' final ledgers").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> PostgresServer.number(rig.store, "SELECT count(*) FROM ledgers WHERE final = 1"
                        + " AND service LIKE 'producer-%'") == producers);
    }

    private static Map<String, RelayRow> run(List<RelayRow> rows, long startMicros) {
        Map<String, RelayRow> map = new HashMap<>();
        rows.stream().filter(r -> r.startMicros() == startMicros).forEach(r -> map.put(r.upstream(), r));
        return map;
    }

    @Test
    void producersAndWorkersAreCountedExactlyThenADeletedGapIsPlacedAfterTheConsumer() throws Exception {
        int producers = 3;
        long events = 5_000;
        List<ChildJvm> children = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            children.add(rig.producer(p));
        }
        ChildJvm consumer = rig.consumer("consumer", 2);
        IngestRig.logOnEach(children, events, events, Duration.ofSeconds(120));
        IngestRig.exitEach(children, Duration.ofSeconds(120));
        awaitFinalProducerLedgers(producers);
        await().atMost(Duration.ofSeconds(60)).until(rig.stored::rows, n -> n >= producers * events);
        IngestRig.terminate(consumer); // SIGTERM: the final relay ledgers

        List<RelayRow> rows = relayRows();
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.last()).isTrue())
                .extracting(RelayRow::startMicros).containsOnly(rows.get(0).startMicros());
        Map<String, RelayRow> relay = run(rows, rows.get(0).startMicros());
        List<Audit.Entry> entries = audit();
        assertThat(entries).hasSize(producers);
        assertThat(relay.keySet()).hasSize(producers + 1).contains("");
        for (Audit.Entry e : entries) {
            RelayRow r = relay.get(e.node());
            assertThat(List.of(r.received(), r.written())).as(e.service()).containsExactly(events, events);
            assertThat(e.missing()).isZero();
            assertThat(e.hops()).singleElement().isEqualTo(new Audit.Hop("consumer", 1, events, events, 0, 0));
            assertThat(e.gapAt()).isEmpty();
        }
        assertThat(List.of(relay.get("").duplicates(), relay.get("").deadLettered())).containsExactly(0L, 0L);
        try (PostgresStore s = PostgresStore.open(rig.store)) {
            long now = System.currentTimeMillis() * 1_000;
            assertThat(Audit.relays(s, 0, now, 60_000_000L)).singleElement().satisfies(r -> {
                assertThat(r.role()).isEqualTo("consumer");
                assertThat(r.written()).isEqualTo(producers * events);
                assertThat(r.state()).isEqualTo(Audit.State.CLOSED);
            });
        }

        String victim = entries.get(1).node();
        assertThat(PostgresServer.number(rig.store, "WITH d AS (DELETE FROM logs WHERE event_id IN (SELECT event_id"
                + " FROM logs WHERE substr(event_id, 11, 8) = '" + victim + "' ORDER BY random() LIMIT 7) RETURNING 1)"
                + " SELECT count(*) FROM d")).isEqualTo(7);
        assertThat(audit()).allSatisfy(e -> {
            if (e.node().equals(victim)) {
                assertThat(e.missing()).isEqualTo(7);
                assertThat(e.gapAt()).isEqualTo("after consumer");
            } else {
                assertThat(e.missing()).isZero();
                assertThat(e.gapAt()).isEmpty();
            }
        });
    }

    @Test
    void aConsumerKilledMidStreamClaimsNoMoreThanTheDatabaseHoldsAndItsSuccessorCountsTheRedeliveries() throws Exception {
        int producers = 2;
        long events = 40_000;
        List<ChildJvm> children = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            children.add(rig.producer(p));
        }
        ChildJvm first = rig.consumer("consumer-1", 2);
        for (ChildJvm p : children) {
            p.send("log " + events / 2); // the second half is logged once the consumer is dead
        }
        // the relay's claims lag behind the database, so a tenth claimed means at least a tenth stored; and
        // every producer's events reached the first consumer, so every producer's hop has both relays
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
            List<RelayRow> rows = relayRows();
            return rows.stream().mapToLong(RelayRow::written).sum() > producers * events / 10
                    && rows.stream().filter(r -> !r.upstream().isEmpty() && r.written() > 0)
                            .map(RelayRow::upstream).distinct().count() == producers;
        });
        first.destroyForcibly(); // SIGKILL: no final ledger; what it held unacknowledged is redelivered
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, Long> storedAtKill = storedByNode();
        List<RelayRow> dead = relayRows();
        assertThat(dead).isNotEmpty().noneMatch(RelayRow::last);
        for (RelayRow r : dead) {
            if (!r.upstream().isEmpty()) {
                assertThat(r.written()).as("the killed consumer's claim for %s", r.upstream())
                        .isLessThanOrEqualTo(storedAtKill.getOrDefault(r.upstream(), 0L));
            }
        }
        assertThat(storedAtKill.values().stream().mapToLong(Long::longValue).sum()).as("killed mid-stream")
                .isLessThan(producers * events);

        for (ChildJvm p : children) {
            p.awaitLine("LOGGED " + events / 2, Duration.ofSeconds(120));
            p.send("log " + events / 2);
        }
        ChildJvm second = rig.consumer("consumer-2", 2);
        for (ChildJvm p : children) {
            p.awaitLine("LOGGED " + events, Duration.ofSeconds(120));
        }
        IngestRig.exitEach(children, Duration.ofSeconds(120));
        awaitFinalProducerLedgers(producers);
        await().atMost(Duration.ofSeconds(120)).until(rig.stored::rows, n -> n >= producers * events);
        IngestRig.terminate(second);

        List<Audit.Entry> entries = audit();
        assertThat(entries).hasSize(producers).allSatisfy(e -> {
            assertThat(e.sent()).isEqualTo(events);
            assertThat(e.stored()).isEqualTo(events);
            assertThat(e.missing()).isZero();
            assertThat(e.state()).isEqualTo(Audit.State.CLOSED);
            assertThat(e.hops()).singleElement().satisfies(h -> assertThat(h.relays()).isEqualTo(2));
        });
        List<RelayRow> rows = relayRows();
        TreeSet<Long> runs = new TreeSet<>();
        rows.forEach(r -> runs.add(r.startMicros()));
        assertThat(runs).hasSize(2);
        Map<String, RelayRow> successor = run(rows, runs.last());
        long written = 0;
        long storedSinceKill = 0;
        for (Audit.Entry e : entries) {
            RelayRow r = successor.get(e.node());
            assertThat(r.last()).isTrue();
            long before = storedAtKill.getOrDefault(e.node(), 0L);
            assertThat(r.written()).as(e.service()).isBetween(events - before, events);
            written += r.written();
            storedSinceKill += events - before;
        }
        System.out.println("stored at the kill " + storedAtKill + "; the successor wrote " + written + ", of which "
                + successor.get("").duplicates() + " redelivered duplicates"); // for the report
        // every event it wrote was new in the database or a redelivery the store had: nothing else
        assertThat(written).isEqualTo(storedSinceKill + successor.get("").duplicates());
    }
}
