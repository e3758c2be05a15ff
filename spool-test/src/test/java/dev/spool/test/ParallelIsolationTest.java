package dev.spool.test;

import dev.spool.Logger;
import dev.spool.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four tests that log at the same moment, run concurrently by JUnit's parallel mode (see
 * junit-platform.properties): each capture holds exactly its own test's events. They meet at a barrier
 * first, so they do overlap; a capture that took another test's events, or lost its own, fails.
 */
@Execution(ExecutionMode.CONCURRENT)
class ParallelIsolationTest {

    private static final Logger LOG = Spool.logger("capture.parallel");
    private static final int EVENTS = 500;
    private static final CyclicBarrier TOGETHER = new CyclicBarrier(4);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void first() throws Exception {
        logsOnlyItsOwn("first");
    }

    @Test
    void second() throws Exception {
        logsOnlyItsOwn("second");
    }

    @Test
    void third() throws Exception {
        logsOnlyItsOwn("third");
    }

    @Test
    void fourth() throws Exception {
        logsOnlyItsOwn("fourth");
    }

    private void logsOnlyItsOwn(String test) throws Exception {
        TOGETHER.await(60, TimeUnit.SECONDS);
        for (int i = 0; i < EVENTS; i++) {
            LOG.atInfo().kv("test", test).kv("seq", i).log("event");
        }
        assertThat(logs.events()).hasSize(EVENTS).allSatisfy(e -> assertThat(e.fields()).containsEntry("test", test));
        assertThat(logs.events()).extracting(e -> ((Number) e.fields().get("seq")).intValue())
                .isSorted().doesNotHaveDuplicates();
    }
}
