package dev.spool.cli.partition;

import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.ServicesLock;
import dev.spool.testkit.StrictJson;
import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.amqp.ProducerProcess;
import dev.spool.testkit.amqp.ScratchTopology;
import dev.spool.testkit.amqp.TestTopology;
import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/audit.md across hosts, for real: three producer "hosts" in network namespaces of their own
 * ({@link NetworkHost}) ship through the real {@code amqp} destination, over a relay on their veth
 * ({@link TcpRelay}; RabbitMQ listens on loopback only), to two {@code spool consume} processes writing the
 * real PostgreSQL. Mid-stream, host 1's link is cut for 30 s, one consumer is killed with SIGKILL (the other
 * takes over) and PostgreSQL is restarted; host 2 keeps logging throughout, a round at a time once the last is
 * stored, and its first round, logged as the consumer is killed, must be stored while host 1 is cut off (the
 * cut ends on time whatever the rounds do). Host 3 is deliberately lossy: a 16-slot queue with the {@code drop} policy
 * under a burst. At the end {@code spool audit --json} must find nothing missing for any instance, every
 * producer closed with its final ledger and sent what it says it sent, and host 3's drops counted exactly,
 * under {@code queue_full}, on host 3's instance.
 *
 * <p>Holds {@link ServicesLock} throughout (it restarts PostgreSQL). Needs root for {@code ip netns}; skipped
 * only where the kernel refuses a network namespace.
 */
class PartitionAuditIT {

    private static final String AMQP = "amqp://guest:guest@127.0.0.1:5672/%2f";
    private static final InetSocketAddress BROKER = new InetSocketAddress(Broker.HOST, Broker.PORT);
    /** How long host 1's link stays down: the figure of the issue that asked for this test. */
    private static final Duration CUT = Duration.ofSeconds(30);
    /** Events each of hosts 1 and 2 logs before the cut. */
    private static final long BEFORE_CUT = 3_000;
    /** Events host 1 logs into its own spool while it is cut off. */
    private static final long DURING_CUT = 2_000;
    /** Events host 2 logs per round during the cut; each round must be stored before the next. */
    private static final long ROUND = 300;
    /** The burst host 3 logs at once into its 16-slot dropping queue. */
    private static final long BURST = 30_000;
    private static final int WORKERS = 2;
    private static final Duration START = Duration.ofSeconds(60);
    /** How long events may take to be stored once their path is back (reconnect, consumer retry). */
    private static final Duration LIVENESS = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(90);

    private static ServicesLock servicesLock;

    @TempDir
    Path work;
    @TestDatabase
    String store;
    @TestTopology
    ScratchTopology topology;

    /** What the test started, closed in reverse order whatever happens. */
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<NetworkHost> hosts = new ArrayList<>();
    private final List<TcpRelay> relays = new ArrayList<>();
    private ChildJvm consumerA;
    private ChildJvm consumerB;
    /** Host 1's producer, the one cut off. */
    private Producer cut;
    /** Host 2's producer, logging throughout. */
    private Producer steady;
    /** Host 3's producer, dropping on purpose. */
    private Producer lossy;

    /** A producer process on a host, with the node of its event ids. */
    private record Producer(ChildJvm jvm, String service, String node) {
    }

    /** What a producer said at exit: the events its destination took, and those it dropped by reason. */
    private record Exit(long sent, Map<String, Long> dropped) {
    }

    /** How the cut went: its length, host 2's events so far, its rounds stored during the cut. */
    private record Cut(Duration length, long steadyLogged, int rounds, int roundsAfterRestart) {
    }

    @BeforeAll
    static void lockServices() {
        servicesLock = ServicesLock.acquire(Duration.ofMinutes(15));
    }

    @AfterAll
    static void unlockServices() throws Exception {
        if (servicesLock != null) {
            servicesLock.close();
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        Exception first = null;
        Collections.reverse(started);
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    @Test
    void aHostCutOffAKilledConsumerAndAPostgresRestartLoseNothingAndTheDropsAreCountedAtTheirSource() throws Exception {
        long begin = System.nanoTime();
        startHostsConsumersAndProducers();
        logBeforeTheCut();
        Cut c = cutHostOneWhileTheRestGoesThroughFaults();
        Map<Producer, Exit> exits = shutDownProducers(c.steadyLogged());
        for (Producer p : exits.keySet()) {
            long sent = exits.get(p).sent();
            await(p.service() + "'s " + sent + " events and final ledger stored").atMost(DRAIN)
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> stored(p) >= sent && finalLedgers(p) == 1);
        }

        Map<String, Map<?, ?>> audit = audit();
        for (Producer p : exits.keySet()) {
            assertThat(audit).as("audit lines").containsKey(p.node());
            Map<?, ?> e = audit.get(p.node());
            assertThat(e.get("service")).isEqualTo(p.service());
            assertThat(e.get("destination")).isEqualTo(ProducerProcess.DESTINATION);
            assertThat(e.get("sent")).as("%s's sent", p.service()).isEqualTo(exits.get(p).sent());
            assertThat(e.get("stored")).as("%s's stored", p.service()).isEqualTo(exits.get(p).sent());
            assertThat(e.get("in_flight")).isEqualTo(0L);
            assertThat(e.get("failed")).isEqualTo(0L);
            assertThat(e.get("state")).as("%s's state", p.service()).isEqualTo("closed");
            assertThat(e.get("dropped")).as("%s's drops by reason", p.service()).isEqualTo(exits.get(p).dropped());
        }
        Map<?, ?> b = status("consumer-b");
        assertThat(((Map<?, ?>) b.get("dead_lettered")).values()).as("consumer B's dead letters by reason")
                .allMatch(n -> n.equals(0L));
        System.out.printf("partition test: host 1 cut for %d ms; host 2 stored %d rounds of %d meanwhile, %d of them after"
                + " the PostgreSQL restart; host 3 dropped %d of %d; consumer B: %s redeliveries, %s reconnects;"
                + " wall time %d s%n", c.length().toMillis(), c.rounds(), ROUND, c.roundsAfterRestart(),
                exits.get(lossy).dropped().get("queue_full"), BURST, b.get("redeliveries"), b.get("reconnects"),
                Duration.ofNanos(System.nanoTime() - begin).toSeconds());
    }

    /** Three hosts with a relay each; two consumers, all their workers on the queue; a producer on each host. */
    private void startHostsConsumersAndProducers() throws Exception {
        NetworkHost.removeLeftovers();
        for (int n = 1; n <= 3; n++) {
            NetworkHost host = track(NetworkHost.create(n));
            hosts.add(host);
            relays.add(track(TcpRelay.start(host.gateway(), BROKER)));
        }
        consumerA = consumer("consumer-a");
        consumerB = consumer("consumer-b");
        await("both consumers' " + 2 * WORKERS + " workers on " + topology.queue()).atMost(START)
                .pollInterval(Duration.ofMillis(100)).until(() -> Broker.consumerCount(topology.queue()) >= 2 * WORKERS);
        ChildJvm[] jvms = {producer(1), producer(2), producer(3, "queue.capacity=16", "route.root.overflow=drop")};
        cut = ready(jvms[0], 1);
        steady = ready(jvms[1], 2);
        lossy = ready(jvms[2], 3);
    }

    /** Host 3's burst, and hosts 1 and 2's first events, stored through both consumers. */
    private void logBeforeTheCut() throws Exception {
        lossy.jvm().send("log " + BURST);
        cut.jvm().send("log " + BEFORE_CUT);
        steady.jvm().send("log " + BEFORE_CUT);
        for (Producer p : List.of(cut, steady)) {
            p.jvm().awaitLine("LOGGED " + BEFORE_CUT, START);
        }
        lossy.jvm().awaitLine("LOGGED " + BURST, START);
        await("events of hosts 1 and 2 stored (mid-stream)").atMost(LIVENESS).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> stored(cut) > 0 && stored(steady) > 0);
        await("consumer A storing its share").atMost(LIVENESS).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> (Long) status("consumer-a").get("events_stored") > 0);
    }

    /**
     * The partition: for {@link #CUT} nothing host 1 sends gets out, while consumer A is killed, PostgreSQL
     * restarted, and host 2 logs a round at a time, the next once the last is stored. Then host 1's marker,
     * logged during the cut, must arrive through a new connection.
     */
    private Cut cutHostOneWhileTheRestGoesThroughFaults() throws Exception {
        long connectionsBeforeCut = relays.get(0).accepted();
        long cutStart = System.nanoTime();
        long restoreAt = cutStart + CUT.toNanos();
        hosts.get(0).cut();
        cut.jvm().send("log " + DURING_CUT);
        cut.jvm().send("marker during-cut");
        steady.jvm().send("log " + ROUND);
        consumerA.kill(); // SIGKILL while round 1 flows: its unacknowledged messages go back to the queue, for B
        long steadyLogged = BEFORE_CUT + ROUND;
        int rounds = 0;
        while (true) {
            steady.jvm().awaitLine("LOGGED " + steadyLogged, START);
            if (!storedBefore(steady, steadyLogged, restoreAt)) {
                break; // the cut is over before this round is stored: the drain waits for it
            }
            if (++rounds == 1) {
                PostgresServer.restart(); // fast shutdown: consumer B's connections are cut mid-transaction
            }
            if (System.nanoTime() - restoreAt >= 0) {
                break;
            }
            steadyLogged += ROUND;
            steady.jvm().send("log " + ROUND);
        }
        assertThat(rounds).as("rounds of host 2 stored while host 1 was cut off, the first after consumer A's SIGKILL")
                .isPositive();
        cut.jvm().awaitLine("MARKED during-cut", START); // in host 1's spool: logged, yet unable to leave
        assertThat(hasMarker("during-cut")).as("host 1's marker stored while its link was down: the cut cut nothing")
                .isFalse();
        hosts.get(0).restore();
        Duration length = Duration.ofNanos(System.nanoTime() - cutStart);
        await("host 1's marker stored after its link came back").atMost(LIVENESS).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> hasMarker("during-cut"));
        assertThat(relays.get(0).accepted()).as("host 1 reconnected through its relay after the cut")
                .isGreaterThan(connectionsBeforeCut);
        assertThat(consumerB.isAlive()).as("consumer B survived; output:\n%s", consumerB.output()).isTrue();
        return new Cut(length, steadyLogged, rounds, rounds - 1);
    }

    /** Shuts every producer down and checks what each says it sent and dropped. */
    private Map<Producer, Exit> shutDownProducers(long steadyLogged) throws Exception {
        Map<Producer, Exit> exits = new LinkedHashMap<>();
        for (Producer p : List.of(cut, steady, lossy)) {
            p.jvm().send("exit");
        }
        for (Producer p : List.of(cut, steady, lossy)) {
            int code = p.jvm().awaitExit(Duration.ofSeconds(150));
            assertThat(code).as("%s's exit code (2: it dropped events); output:%n%s", p.service(), p.jvm().output())
                    .isEqualTo(p == lossy ? 2 : 0);
            exits.put(p, new Exit(Long.parseLong(p.jvm().lineStartingWith(ProducerProcess.SENT + " ").split(" ")[1]),
                    drops(p.jvm().lineStartingWith(ProducerProcess.DROPPED + " "))));
        }
        assertThat(exits.get(cut)).as("host 1's events and marker, all taken by its destination")
                .isEqualTo(new Exit(BEFORE_CUT + DURING_CUT + 1, Map.of()));
        assertThat(exits.get(steady)).as("host 2's events").isEqualTo(new Exit(steadyLogged, Map.of()));
        Exit burst = exits.get(lossy);
        assertThat(burst.dropped()).as("host 3 dropped for a full queue only").containsOnlyKeys("queue_full");
        assertThat(burst.dropped().get("queue_full")).as("host 3's burst overflowed its 16-slot queue").isPositive();
        assertThat(burst.sent() + burst.dropped().get("queue_full")).as("host 3: sent plus dropped is what it logged")
                .isEqualTo(BURST);
        return exits;
    }

    /**
     * Runs {@code spool audit --store URL --json} (the real command, in this JVM), checks its exit code and that
     * no instance has events missing, and returns its lines by instance.
     */
    private Map<String, Map<?, ?>> audit() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("audit", "--store", store, "--json");
        System.out.println("spool audit --json:\n" + out);
        assertThat(exit).as("spool audit's exit code; output:%n%s%s", out, err).isZero();
        Map<String, Map<?, ?>> audit = new HashMap<>();
        int relayRuns = 0;
        for (String line : out.toString().split("\n")) {
            Map<?, ?> entry = (Map<?, ?>) StrictJson.parse(line);
            if (entry.containsKey("relay")) { // a consumer run's own ledger (docs/audit.md, relay ledgers)
                relayRuns++;
                assertThat(entry.get("role")).as(line).isEqualTo("consumer");
                assertThat(entry.get("dead_lettered")).as("dead letters of %s", line).isEqualTo(0L);
                continue;
            }
            assertThat(entry.get("missing")).as("missing events of %s", line).isEqualTo(0L);
            audit.put((String) entry.get("instance"), entry);
        }
        assertThat(relayRuns).as("the consumers' runs wrote relay ledgers").isPositive();
        return audit;
    }

    /** Starts {@code spool consume} (a real process, in this namespace) on the test's queue and database. */
    private ChildJvm consumer(String label) throws Exception {
        ChildJvm c = track(ChildJvm.builder(SpoolCommand.class).name(label).jvmOptions("-Xmx384m", "-XX:+UseSerialGC")
                .args("consume", "--amqp", AMQP, "--queue", topology.queue(), "--exchange", topology.exchange(),
                        "--store", store, "--workers", Integer.toString(WORKERS), "--batch-time", "100ms",
                        "--status-file", work.resolve(label + ".json").toString())
                .outputFile(work.resolve(label + ".log")).start());
        c.awaitLineStartingWith("spool consume:", START);
        return c;
    }

    /**
     * Waits until {@code p} has {@code events} stored, or until {@code deadlineNanos} ({@link System#nanoTime()});
     * true for the first. A store that does not answer (PostgreSQL restarting) is waited for within the deadline.
     */
    private boolean storedBefore(Producer p, long events, long deadlineNanos) {
        AtomicLong seen = new AtomicLong();
        await(p.service() + "'s " + events + " events stored, or the end of the cut").atMost(LIVENESS)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    if (System.nanoTime() - deadlineNanos >= 0) {
                        return true;
                    }
                    seen.set(stored(p));
                    return seen.get() >= events;
                });
        return seen.get() >= events;
    }

    /** What consumer {@code label}'s status file says (rewritten every second; docs/consumer.md). */
    private Map<?, ?> status(String label) throws Exception {
        return (Map<?, ?>) StrictJson.parse(Files.readString(work.resolve(label + ".json")));
    }

    /** Starts producer {@code index} inside host {@code index}, its broker the relay on the host's gateway. */
    private ChildJvm producer(int index, String... settings) throws Exception {
        NetworkHost host = hosts.get(index - 1);
        TcpRelay relay = relays.get(index - 1);
        List<String> args = new ArrayList<>(List.of(Integer.toString(index), topology.exchange(), topology.queue(),
                work.resolve("spool-" + index).toString(), "host=host-" + index, "ledger.interval=200ms",
                "destination." + ProducerProcess.DESTINATION + ".host=" + host.gateway(),
                "destination." + ProducerProcess.DESTINATION + ".port=" + relay.port()));
        args.addAll(List.of(settings));
        return track(ChildJvm.builder(ProducerProcess.class).name("producer-" + index + " on " + host)
                .jvmOptions("-Xmx256m", "-XX:+UseSerialGC").args(args.toArray(String[]::new)).configure(host.inside())
                .outputFile(work.resolve("producer-" + index + ".log")).start());
    }

    /** Waits until producer {@code index} is ready and reads the node of its event ids. */
    private static Producer ready(ChildJvm jvm, int index) throws InterruptedException {
        String node = jvm.awaitLineStartingWith(ProducerProcess.NODE + " ", START).split(" ")[1];
        jvm.awaitLine(ProducerProcess.READY, START);
        return new Producer(jvm, "producer-" + index, node);
    }

    /** The reasons with a count above 0 in {@code {after_shutdown=0, queue_full=12, ...}} (a map's text). */
    private static Map<String, Long> drops(String line) {
        Map<String, Long> drops = new HashMap<>();
        String inside = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}')).strip();
        if (!inside.isEmpty()) {
            for (String pair : inside.split(", ")) {
                String[] kv = pair.split("=");
                if (Long.parseLong(kv[1]) > 0) {
                    drops.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return drops;
    }

    private long stored(Producer p) throws Exception {
        return PostgresServer.number(store, "SELECT count(*) FROM logs WHERE service = '" + p.service() + "'");
    }

    private long finalLedgers(Producer p) throws Exception {
        return PostgresServer.number(store, "SELECT count(*) FROM ledgers WHERE final = 1 AND node = '" + p.node() + "'");
    }

    private boolean hasMarker(String name) throws Exception {
        return PostgresServer.number(store, "SELECT count(*) FROM logs WHERE message = 'marker'"
                + " AND fields->>'marker' = '" + name + "'") > 0;
    }
}
