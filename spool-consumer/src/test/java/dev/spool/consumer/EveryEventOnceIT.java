package dev.spool.consumer;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three producer processes log 100,000 events each through their {@code amqp} destinations; two consumer
 * processes (one with two workers, one with one) compete on the queue and write into PostgreSQL. Every
 * event must be stored exactly once.
 */
class EveryEventOnceIT {

    private static final int PRODUCERS = 3;
    private static final long EVENTS_PER_PRODUCER = 100_000;
    /** How long after the producers logged them every event must be stored. */
    private static final Duration DRAIN = Duration.ofSeconds(150);
    /** How long a marker logged once the load is stored may take to be stored. */
    private static final Duration LIVENESS = Duration.ofSeconds(15);

    @TempDir
    Path work;

    private IngestRig rig;

    @BeforeEach
    void createRig() throws Exception {
        rig = IngestRig.create(work);
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    @Test
    void threeProducerProcessesAndTwoConsumerProcessesStoreEveryEventExactlyOnce() throws Exception {
        List<ChildJvm> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(rig.producer(p)); // declares the queue before any consumer binds to it
        }
        ChildJvm first = rig.consumer("consumer-a", 2);
        ChildJvm second = rig.consumer("consumer-b", 1);

        IngestRig.logOnEach(producers, EVENTS_PER_PRODUCER, EVENTS_PER_PRODUCER, Duration.ofSeconds(120));
        long logged = PRODUCERS * EVENTS_PER_PRODUCER;
        await("all " + logged + " events to be stored").atMost(DRAIN).pollInterval(Duration.ofMillis(500))
                .until(rig.stored::rows, n -> n >= logged);
        producers.get(0).send("marker after-load");
        await("a marker logged after the load to be stored").atMost(LIVENESS).pollInterval(Duration.ofMillis(100))
                .until(() -> rig.stored.hasMarker("after-load"));
        IngestRig.exitEach(producers, Duration.ofSeconds(60));
        System.out.println("consumer-a: " + IngestRig.terminate(first));
        System.out.println("consumer-b: " + IngestRig.terminate(second));
        assertThat(rig.stored.check(PRODUCERS, EVENTS_PER_PRODUCER, 1)).isEmpty();
    }
}
