package dev.spool.amqp;

import dev.spool.testkit.amqp.Broker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

    @BeforeAll
    static void broker() throws Exception {
        Broker.ensureRunning();
    }

    @AfterAll
    static void leaveTheBrokerRunning() throws Exception {
        Broker.startApp();
        Broker.deleteUsedTopologies();
    }

    private ProcessBuilder producer(int index, long count, String name, Path spool, int port, String mode) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ProducerApp.class.getName(),
                Integer.toString(index), Long.toString(count), name, name, spool.toString(), Integer.toString(port), mode));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().remove("SPOOL_CONFIG");
        return b;
    }

    @Test
    void threeProducerProcessesDeliverEveryEventInOrder() throws Exception {
        Broker.deleteTopology("it.procs", "it.procs");
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            Path log = work.resolve("producer-" + p + ".log");
            running.add(producer(p, EVENTS_PER_PRODUCER, "it.procs", work.resolve("spool-" + p), Broker.PORT, "deliver")
                    .redirectOutput(log.toFile()).start());
        }
        for (int p = 0; p < 3; p++) {
            Process child = running.get(p);
            boolean exited = child.waitFor(240, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly();
            }
            String output = Files.readString(work.resolve("producer-" + p + ".log"));
            assertThat(exited).as("producer " + p + " finished; output:\n" + output).isTrue();
            assertThat(child.exitValue()).as("producer " + p + " exit; output:\n" + output).isZero();
        }
        Received r = new Received();
        r.addAll(Broker.take("it.procs", Duration.ZERO));
        for (int p = 0; p < 3; p++) {
            assertThat(r.missing(p, EVENTS_PER_PRODUCER)).as("producer " + p + " missing").isEmpty();
            assertThat(r.sequence(p)).as("producer " + p + " order").hasSize((int) EVENTS_PER_PRODUCER).isSorted();
        }
        assertThat(r.distinctIds()).isEqualTo(3 * EVENTS_PER_PRODUCER);
        System.out.println("three producers: " + r.copies() + " copies, " + r.duplicates() + " duplicates");
    }

    @Test
    void producerKilledWithANonEmptySpoolDeliversItWhenRestarted() throws Exception {
        Broker.deleteTopology("it.killed", "it.killed");
        Path spool = work.resolve("spool-killed");
        Process child = producer(7, 20_000, "it.killed", spool, 1, "spool").start(); // port 1: no broker there
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("SPOOLED")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("child output:\n" + seen).isEqualTo("SPOOLED");
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (TestDestination restarted = new TestDestination("restarted", TestDestination.options("it.killed", "it.killed", spool))) {
            assertThat(restarted.health().spoolEvents()).isEqualTo(20_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> restarted.health().idle());
        }
        Received r = new Received();
        r.addAll(Broker.take("it.killed", Duration.ZERO));
        assertThat(r.missing(7, 20_000)).isEmpty();
        assertThat(r.sequence(7)).hasSize(20_000).isSorted();
        assertThat(r.distinctIds()).isEqualTo(20_000);
    }
}
