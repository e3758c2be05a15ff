package dev.spool.amqp;

import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.amqp.ScratchTopology;
import dev.spool.testkit.amqp.TestTopology;
import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.jvm.ChildJvmBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Producer processes (child JVMs) publishing through their own spools to the real broker. */
class ProducerProcessesIT {

    private static final long EVENTS_PER_PRODUCER = 100_000;

    @TempDir
    Path work;

    @TestTopology
    ScratchTopology topology;

    @AfterAll
    static void leaveTheBrokerRunning() throws Exception {
        Broker.startApp();
    }

    private ChildJvmBuilder producer(int index, long count, String name, Path spool, int port, String mode) {
        return ChildJvm.builder(ProducerApp.class).name("producer-" + index).jvmOptions("-Xmx256m").args(Integer.toString(index),
                Long.toString(count), name, name, spool.toString(), Integer.toString(port), mode);
    }

    @Test
    void threeProducerProcessesDeliverEveryEventInOrder() throws Exception {
        List<ChildJvm> running = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            Path log = work.resolve("producer-" + p + ".log");
            running.add(producer(p, EVENTS_PER_PRODUCER, topology.queue(), work.resolve("spool-" + p), Broker.PORT, "deliver")
                    .outputFile(log).start());
        }
        for (int p = 0; p < 3; p++) {
            ChildJvm child = running.get(p);
            boolean exited = child.waitFor(240, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly();
            }
            String output = Files.readString(work.resolve("producer-" + p + ".log"));
            assertThat(exited).as("producer " + p + " finished; output:\n" + output).isTrue();
            assertThat(child.exitValue()).as("producer " + p + " exit; output:\n" + output).isZero();
        }
        Received r = new Received();
        r.addAll(Broker.take(topology.queue(), Duration.ZERO));
        for (int p = 0; p < 3; p++) {
            assertThat(r.missing(p, EVENTS_PER_PRODUCER)).as("producer " + p + " missing").isEmpty();
            assertThat(r.sequence(p)).as("producer " + p + " order").hasSize((int) EVENTS_PER_PRODUCER).isSorted();
        }
        assertThat(r.distinctIds()).isEqualTo(3 * EVENTS_PER_PRODUCER);
        System.out.println("three producers: " + r.copies() + " copies, " + r.duplicates() + " duplicates");
    }

    @Test
    void producerKilledWithANonEmptySpoolDeliversItWhenRestarted() throws Exception {
        Path spool = work.resolve("spool-killed");
        try (ChildJvm child = producer(7, 20_000, topology.queue(), spool, 1, "spool").start()) { // port 1: no broker there
            child.awaitLine("SPOOLED", Duration.ofSeconds(120)); // fails showing the child's output
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (TestDestination restarted = new TestDestination("restarted", TestDestination.options(topology.exchange(), topology.queue(), spool))) {
            assertThat(restarted.health().spoolEvents()).isEqualTo(20_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> restarted.health().idle());
        }
        Received r = new Received();
        r.addAll(Broker.take(topology.queue(), Duration.ZERO));
        assertThat(r.missing(7, 20_000)).isEmpty();
        assertThat(r.sequence(7)).hasSize(20_000).isSorted();
        assertThat(r.distinctIds()).isEqualTo(20_000);
    }
}
