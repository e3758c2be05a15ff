package dev.spool.consumer;

import dev.spool.testkit.amqp.Broker;
import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Faults while events flow from two producer processes through RabbitMQ into PostgreSQL: a consumer
 * killed with SIGKILL, PostgreSQL restarted, RabbitMQ restarted. After each, the store holds every event
 * exactly once, and a marker event logged once the fault is over is stored within {@link #LIVENESS}.
 *
 * <p>Each test logs {@value #FIRST} events per producer, waits until the store holds {@value #MID_STREAM}
 * rows (the consumer is mid-stream), applies the fault, logs {@value #SECOND} more per producer (during
 * the fault where that matters), and checks the store once everything is drained.
 */
class IngestFaultsIT {

    private static final long FIRST = 10_000;
    private static final long SECOND = 5_000;
    private static final long PER_PRODUCER = FIRST + SECOND;
    private static final long MID_STREAM = 3_000;
    /** How long after a fault is over (consumer restarted, server answering) a new event must be stored. */
    private static final Duration LIVENESS = Duration.ofSeconds(30);
    /** How long after the last events were logged the store must hold them all. */
    private static final Duration DRAIN = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private IngestRig rig;
    private List<ChildJvm> producers;

    @BeforeEach
    void createRig() throws Exception {
        rig = IngestRig.create(work);
        producers = List.of(rig.producer(0), rig.producer(1));
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    private void logFirstAndAwaitMidStream() throws Exception {
        IngestRig.logOnEach(producers, FIRST, FIRST, Duration.ofSeconds(60));
        await("the store to hold " + MID_STREAM + " rows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(rig.stored::rows, n -> n >= MID_STREAM);
    }

    /** Logs a marker and waits at most {@link #LIVENESS} for it to be stored. */
    private void assertLive(String marker) {
        producers.get(0).send("marker " + marker);
        await("marker " + marker + " to be stored").atMost(LIVENESS).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions() // the store may still refuse connections for a moment
                .until(() -> rig.stored.hasMarker(marker));
    }

    private void drainAndCheck(int markers, ChildJvm... consumers) throws Exception {
        IngestRig.exitEach(producers, Duration.ofSeconds(120));
        long expected = 2 * PER_PRODUCER + markers;
        await("all " + expected + " rows to be stored").atMost(DRAIN).pollInterval(Duration.ofMillis(250))
                .until(rig.stored::rows, n -> n >= expected);
        for (ChildJvm c : consumers) {
            System.out.println(c.name() + ": " + IngestRig.terminate(c));
        }
        assertThat(rig.stored.check(2, PER_PRODUCER, markers)).isEmpty();
    }

    @Test
    void aConsumerKilledMidBatchAndRestartedLosesAndDuplicatesNothing() throws Exception {
        ChildJvm killed = rig.consumer("consumer-killed", 2);
        logFirstAndAwaitMidStream();
        killed.kill(); // SIGKILL: batches in hand are neither committed-and-acked nor closed cleanly
        long atKill = rig.stored.rows();
        long waiting = Broker.messageCount(rig.name); // the dead consumer's unacked messages are back in the queue
        System.out.println("killed with " + atKill + " rows stored and " + waiting + " messages in the queue");
        assertThat(waiting).as("messages still to consume when the consumer was killed (else it was not mid-stream)")
                .isPositive();

        IngestRig.logOnEach(producers, SECOND, PER_PRODUCER, Duration.ofSeconds(60)); // logging goes on meanwhile
        ChildJvm restarted = rig.consumer("consumer-restarted", 2);
        assertLive("after-kill");
        drainAndCheck(1, restarted);
    }

    @Test
    void postgresRestartedMidStreamLosesAndDuplicatesNothingAndIngestionResumesByItself() throws Exception {
        ChildJvm consumer = rig.consumer("consumer", 2);
        logFirstAndAwaitMidStream();
        PostgresServer.restart(); // fast shutdown: the consumer's connections are cut mid-transaction
        IngestRig.logOnEach(producers, SECOND, PER_PRODUCER, Duration.ofSeconds(60));
        assertLive("after-postgres-restart");
        assertThat(consumer.isAlive()).as("consumer survived the restart; output:\n%s", consumer.output()).isTrue();
        drainAndCheck(1, consumer);
    }

    @Test
    void rabbitmqRestartedMidStreamLosesAndDuplicatesNothingWhileProducersSpool() throws Exception {
        ChildJvm consumer = rig.consumer("consumer", 2);
        logFirstAndAwaitMidStream();
        Broker.stopApp();
        try {
            assertThatThrownBy(() -> Broker.messageCount(rig.name)).as("the broker is down").isInstanceOf(Exception.class);
            // The broker is down: these events can only go to the producers' disk spools.
            IngestRig.logOnEach(producers, SECOND, PER_PRODUCER, Duration.ofSeconds(60));
        } finally {
            Broker.startApp();
        }
        assertLive("after-rabbitmq-restart");
        assertThat(consumer.isAlive()).as("consumer survived the restart; output:\n%s", consumer.output()).isTrue();
        drainAndCheck(1, consumer);
    }
}
