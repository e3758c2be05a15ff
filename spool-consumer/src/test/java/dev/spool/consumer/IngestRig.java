package dev.spool.consumer;

import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.amqp.ProducerProcess;
import dev.spool.testkit.amqp.ScratchTopology;
import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.jvm.ChildJvmBuilder;
import dev.spool.testkit.postgres.ScratchDatabase;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One end-to-end test's world: its own exchange and queue (same name, a {@link ScratchTopology}) on the real
 * RabbitMQ, its own database ({@link ScratchDatabase}) on the real PostgreSQL, and the producer and consumer
 * processes it starts. {@link #close()} kills what still runs and deletes the queues and the database
 * (which brings back a server a failed test left stopped).
 */
final class IngestRig implements AutoCloseable {

    /** A JVM's exit status after SIGTERM once its shutdown hooks have run: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    static final String AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/%2f";

    final String name;
    final String store;
    final StoredEvents stored;
    private final ScratchTopology topology;
    private final ScratchDatabase database;
    private final Path work;
    private final List<ChildJvm> children = new ArrayList<>();
    /** The consumer processes started, with their workers. */
    private final Map<ChildJvm, Long> consumers = new LinkedHashMap<>();

    private IngestRig(ScratchTopology topology, ScratchDatabase database, Path work) {
        this.topology = topology;
        this.database = database;
        this.name = topology.queue();
        this.store = database.url();
        this.stored = new StoredEvents(store);
        this.work = work;
    }

    static IngestRig create(Path work) throws Exception {
        ScratchTopology topology = ScratchTopology.create("e2e");
        try {
            return new IngestRig(topology, ScratchDatabase.create(), work);
        } catch (Exception e) {
            topology.close();
            throw e;
        }
    }

    /** Starts producer process {@code index} with its own spool directory; send it {@code log N} and {@code exit}. */
    ChildJvm producer(int index) throws IOException {
        return started(child(ProducerProcess.class, "producer-" + index, 256).args(Integer.toString(index), name, name,
                work.resolve("spool-" + index).toString()).start());
    }

    /**
     * Starts a consumer process with {@code workers} workers on this rig's queue and store; waits until the
     * broker lists each worker as a consumer of the queue (the process says STARTED before its workers have
     * connected, and a message published before the queue is declared and bound is unroutable).
     */
    ChildJvm consumer(String label, int workers) throws Exception {
        long others = consumers.entrySet().stream().filter(e -> e.getKey().isAlive()).mapToLong(Map.Entry::getValue).sum();
        ChildJvm c = started(child(ConsumerProcess.class, label, 384).args(AMQP_URI, name, name, store,
                Integer.toString(workers)).startAwaiting(ConsumerProcess.STARTED, Duration.ofSeconds(60)));
        await(label + "'s " + workers + " workers consuming " + name).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).until(() -> Broker.consumerCount(name), n -> n >= others + workers);
        consumers.put(c, (long) workers);
        return c;
    }

    /** A child JVM of at most {@code heapMegabytes} MB with its output in {@code work/label.log}. */
    private ChildJvmBuilder child(Class<?> main, String label, int heapMegabytes) {
        return ChildJvm.builder(main).name(label).jvmOptions("-Xmx" + heapMegabytes + "m", "-XX:+UseSerialGC")
                .outputFile(work.resolve(label + ".log"));
    }

    private ChildJvm started(ChildJvm child) {
        children.add(child);
        return child;
    }

    /** Sends {@code log N} to each producer and waits until each has handed its events to its destination. */
    static void logOnEach(List<ChildJvm> producers, long events, long totalAfter, Duration atMost)
            throws InterruptedException {
        for (ChildJvm p : producers) {
            p.send("log " + events);
        }
        for (ChildJvm p : producers) {
            p.awaitLine("LOGGED " + totalAfter, atMost);
        }
    }

    /** Shuts each producer down (it sends its whole spool first) and checks it dropped nothing. */
    static void exitEach(List<ChildJvm> producers, Duration atMost) throws InterruptedException {
        for (ChildJvm p : producers) {
            p.send("exit");
        }
        for (ChildJvm p : producers) {
            int code = p.awaitExit(atMost);
            if (code != 0) {
                throw new AssertionError(p.name() + " exited with " + code + " (2: it dropped events); output:\n" + p.output());
            }
        }
    }

    /** Stops a consumer process with SIGTERM and checks that it closed cleanly; returns its final stats line. */
    static String terminate(ChildJvm consumer) throws InterruptedException {
        int code = consumer.terminate(Duration.ofSeconds(60));
        String closed = consumer.lineStartingWith(ConsumerProcess.CLOSED);
        if (code != SIGTERM_EXIT || closed == null) {
            throw new AssertionError(consumer.name() + " did not close cleanly on SIGTERM (exit " + code + ", expected "
                    + SIGTERM_EXIT + " and a " + ConsumerProcess.CLOSED + " line); output:\n" + consumer.output());
        }
        return closed;
    }

    @Override
    public void close() throws Exception {
        try (topology; database) {
            for (ChildJvm c : children) {
                c.close();
            }
        }
    }
}
