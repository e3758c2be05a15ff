package dev.spool.amqp;

import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.amqp.ScratchTopology;
import dev.spool.testkit.amqp.TestTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The amqp destination against the real broker, through its faults; every event id is checked. */
class AmqpDestinationIT {

    private static final Duration DELIVERY = Duration.ofSeconds(120);

    @TempDir
    Path spoolDir;

    @TestTopology
    ScratchTopology topology;

    @AfterAll
    static void leaveTheBrokerRunning() throws Exception {
        Broker.clearAlarm();
        Broker.startApp();
    }

    private Map<String, String> options() {
        return TestDestination.options(topology.exchange(), topology.queue(), spoolDir);
    }

    private static void awaitDelivered(TestDestination d) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100)).until(() -> d.health().idle());
    }

    private Received take() throws Exception {
        Received r = new Received();
        r.addAll(Broker.take(topology.queue(), Duration.ZERO));
        return r;
    }

    private static void assertComplete(Received r, int producer, long count) {
        assertCompleteInAnyOrder(r, producer, count);
        assertThat(r.sequence(producer)).as("first arrivals in order").isSorted();
    }

    /** Every event once; order not checked: after a nack, later messages may land before the re-send (docs/amqp.md). */
    private static void assertCompleteInAnyOrder(Received r, int producer, long count) {
        assertThat(r.missing(producer, count)).as("missing sequence numbers").isEmpty();
        assertThat(r.distinctEvents()).isEqualTo(count);
        assertThat(r.distinctIds()).isEqualTo(count);
    }

    @Test
    void deliversEveryEventInOrderWhileTheBrokerIsUp() throws Exception {
        try (TestDestination d = new TestDestination("up", options())) {
            d.write(0, 0, 50_000, 500);
            d.flushAll();
            awaitDelivered(d);
            assertThat(d.health().resentEvents()).isZero();
            javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName bean = javax.management.ObjectName.getInstance("dev.spool:type=AmqpDestination,name=\"up\"");
            assertThat(jmx.getAttribute(bean, "ConfirmedEvents")).isEqualTo(50_000L);
            assertThat(jmx.getAttribute(bean, "State")).isEqualTo("CONNECTED");
            assertThat(jmx.getAttribute(bean, "SpoolEvents")).isEqualTo(0L);
            assertThat(d.healthMap()).as("the same health in the pipeline's stats and spool status")
                    .containsEntry("state", "CONNECTED").containsEntry("spool_events", 0L)
                    .containsEntry("confirms_outstanding", 0).containsKey("confirmed_per_second");
        }
        Received r = take();
        assertComplete(r, 0, 50_000);
        assertThat(r.duplicates()).isZero();
    }

    @Test
    void brokerBlockingPublishersKeepsEventsInTheSpoolUntilItUnblocks() throws Exception {
        long blockedSpool;
        try (TestDestination d = new TestDestination("alarm", options())) {
            d.write(0, 0, 10_000, 500);
            awaitDelivered(d);
            try {
                Broker.raiseMemoryAlarm();
                d.write(0, 10_000, 30_000, 500); // the broker tells a connection it is blocked when it publishes
                d.flushAll();
                await().atMost(DELIVERY).until(() -> d.health().state() == AmqpHealth.State.BLOCKED);
                blockedSpool = d.health().spoolEvents();
            } finally {
                Broker.clearAlarm();
            }
            awaitDelivered(d);
        }
        assertThat(blockedSpool).isPositive();
        assertComplete(take(), 0, 30_000);
    }

    @Test
    void quorumQueueIsDeclaredAndDelivers() throws Exception {
        Map<String, String> o = options();
        o.put("queueType", "quorum");
        try (TestDestination d = new TestDestination("quorum", o)) {
            d.write(0, 0, 10_000, 500);
            d.flushAll();
            awaitDelivered(d);
        }
        assertComplete(take(), 0, 10_000);
    }

    @Test
    void brokerStoppedForThirtySecondsMidStreamLosesNothing() throws Exception {
        long sent;
        AmqpHealth during;
        try (TestDestination d = new TestDestination("stop", options())) {
            d.write(0, 0, 20_000, 500);
            Broker.stopApp();
            try {
                sent = writeFor(d, 20_000, Duration.ofSeconds(30));
                during = d.health();
            } finally {
                Broker.startApp();
            }
            d.write(0, sent, sent + 10_000, 500);
            d.flushAll();
            awaitDelivered(d);
            sent += 10_000;
            System.out.println("broker stop: " + d.health());
        }
        assertThat(during.state()).isNotEqualTo(AmqpHealth.State.CONNECTED);
        assertThat(during.spoolEvents()).isPositive();
        Received r = take();
        assertComplete(r, 0, sent);
        System.out.println("broker stop: " + sent + " events, " + r.duplicates() + " duplicates");
    }

    /** Writes 200 events every 100 ms for {@code duration}; returns the next sequence number. */
    private static long writeFor(TestDestination d, long from, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        long i = from;
        while (System.nanoTime() - end < 0) {
            d.write(0, i, i + 200, 200);
            i += 200;
            LockSupport.parkNanos(100_000_000L); // pacing the producer, not waiting for anything
        }
        return i;
    }

    @Test
    void brokerRestartedWhileConfirmsAreOutstandingLosesNothing() throws Exception {
        int outstanding;
        try (TestDestination d = new TestDestination("restart", options())) {
            d.write(0, 0, 20_000, 500);
            awaitDelivered(d);
            try {
                // A memory alarm holds back the confirms of what is sent next, so some are surely
                // outstanding when the broker goes down.
                Broker.raiseMemoryAlarm();
                d.write(0, 20_000, 40_000, 500);
                d.flushAll();
                await().atMost(DELIVERY).until(() -> d.health().confirmsOutstanding() > 0);
                outstanding = d.health().confirmsOutstanding();
                Broker.stopApp();
            } finally {
                Broker.startApp();
                Broker.clearAlarm();
            }
            d.write(0, 40_000, 60_000, 500);
            d.flushAll();
            awaitDelivered(d);
            System.out.println("broker restart: " + d.health());
            assertThat(d.health().reconnects()).isPositive();
            assertThat(d.health().resentEvents()).as("events unconfirmed when the broker went, sent again").isPositive();
        }
        assertThat(outstanding).isPositive();
        Received r = take();
        assertComplete(r, 0, 60_000);
        System.out.println("broker restart: " + r.duplicates() + " duplicates");
    }

    @Test
    void connectionsClosedByTheBrokerLoseNothing() throws Exception {
        try (TestDestination d = new TestDestination("cut", options())) {
            d.write(0, 0, 30_000, 200);
            await().atMost(DELIVERY).until(() -> d.health().confirmedEvents() > 0);
            Broker.closeAllConnections();
            d.write(0, 30_000, 60_000, 200);
            d.flushAll();
            awaitDelivered(d);
            assertThat(d.health().reconnects()).isPositive();
        }
        assertComplete(take(), 0, 60_000);
    }

    @Test
    void connectionResetWithoutACloseLosesNothing() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(Broker.PORT)) {
            Map<String, String> o = options();
            o.put("port", Integer.toString(proxy.port()));
            o.put("gzip", "true");
            try (TestDestination d = new TestDestination("reset", o)) {
                d.write(0, 0, 30_000, 200);
                await().atMost(DELIVERY).until(() -> d.health().confirmedEvents() > 0);
                proxy.reset();
                d.write(0, 30_000, 60_000, 200);
                d.flushAll();
                awaitDelivered(d);
                assertThat(d.health().reconnects()).isPositive();
            }
        }
        assertComplete(take(), 0, 60_000);
    }

    @Test
    void silentlyDeadConnectionIsDetectedByHeartbeatsAndLosesNothing() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(Broker.PORT)) {
            Map<String, String> o = options();
            o.put("port", Integer.toString(proxy.port()));
            o.put("heartbeat", "2s");
            try (TestDestination d = new TestDestination("silent", o)) {
                d.write(0, 0, 20_000, 200);
                awaitDelivered(d);
                proxy.blackhole(); // no FIN, no RST: only missed heartbeats reveal it
                d.write(0, 20_000, 40_000, 200);
                d.flushAll();
                awaitDelivered(d);
                assertThat(d.health().reconnects()).isPositive();
            }
        }
        assertComplete(take(), 0, 40_000);
    }

    @Test
    void queueAtItsLengthLimitPushesBackIntoTheSpoolAndDropsNothing() throws Exception {
        Map<String, String> o = options();
        o.put("maxLength", "10");
        o.put("batch.maxEvents", "100");
        o.put("reconnect.maxDelay", "1s");
        Received r = new Received();
        try (TestDestination d = new TestDestination("full", o)) {
            d.write(0, 0, 5_000, 100);
            d.flushAll();
            await().atMost(DELIVERY).until(() -> d.health().nackedMessages() > 0);
            assertThat(d.health().spoolEvents()).isPositive();
            // Drained until the destination is idle, not only until every event has arrived once: after a nack
            // it resends from its committed position, so events already delivered can still be in its spool
            // (possible duplicates, docs/amqp.md), and they need room in the queue too.
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200)).until(() -> {
                r.addAll(Broker.take(topology.queue(), Duration.ZERO));
                return r.distinctEvents() == 5_000 && d.health().idle();
            });
            assertThat(d.health().droppedEvents()).isZero();
            assertThat(d.health().refusedEvents()).isZero();
        }
        r.addAll(Broker.take(topology.queue(), Duration.ZERO));
        assertCompleteInAnyOrder(r, 0, 5_000);
        assertThat(Broker.messageCount(topology.deadLetterQueue())).isZero();
    }

    @Test
    void tornAndDamagedSpoolRecordsAreReportedAndTheRecordsAroundThemDelivered() throws Exception {
        Map<String, String> o = options();
        o.put("batch.maxEvents", "100");
        Map<String, String> unreachable = new java.util.HashMap<>(o);
        unreachable.put("port", "1");
        unreachable.put("close.timeout", "100ms");
        try (TestDestination d = new TestDestination("torn", unreachable)) {
            d.write(0, 0, 1_000, 100); // ten records of 100 events, none delivered
            d.flushAll();
            assertThat(d.health().spoolEvents()).isEqualTo(1_000);
        }
        damage(spoolDir, 3); // events 300..399
        tearTail(spoolDir);  // events 900..999, as if killed mid-append
        try (TestDestination d = new TestDestination("torn", o)) {
            assertThat(d.health().corruptRegions()).isEqualTo(2);
            assertThat(d.health().spoolEvents()).isEqualTo(800);
            awaitDelivered(d);
        }
        Received r = take();
        assertThat(r.distinctEvents()).isEqualTo(800);
        assertThat(r.missing(0, 1_000)).startsWith(300L, 301L);
        for (long i = 0; i < 1_000; i++) {
            boolean lost = (i >= 300 && i < 400) || i >= 900;
            assertThat(r.sequence(0).contains(i)).as("event " + i).isEqualTo(!lost);
        }
    }

    private static Path onlySegment(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg") && p.toFile().length() > 0).findFirst().orElseThrow();
        }
    }

    /** Overwrites one byte inside the payload of record {@code index} (0-based). */
    private static void damage(Path dir, int index) throws Exception {
        Path seg = onlySegment(dir);
        byte[] bytes = Files.readAllBytes(seg);
        byte[] magic = "SPL1".getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        for (int i = 0, n = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == magic[0] && bytes[i + 1] == magic[1] && bytes[i + 2] == magic[2] && bytes[i + 3] == magic[3]
                    && n++ == index) {
                found = i;
                break;
            }
        }
        assertThat(found).isPositive();
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(found + 40);
            f.write('#');
        }
    }

    private static void tearTail(Path dir) throws Exception {
        Path seg = onlySegment(dir);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
    }
}
