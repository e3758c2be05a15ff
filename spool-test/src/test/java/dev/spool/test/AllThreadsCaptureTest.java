package dev.spool.test;

import dev.spool.Logger;
import dev.spool.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogCapture#allThreads()}: events of the threads the code under test uses; isolated from parallel tests. */
@Isolated
class AllThreadsCaptureTest {

    private static final Logger LOG = Spool.logger("capture.pool");

    @RegisterExtension
    final LogCapture logs = LogCapture.allThreads();

    @Test
    void capturesWhatAnExecutorLogs() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 4; i++) {
                int task = i;
                pool.submit(() -> LOG.info("task {}", task));
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        LOG.info("test thread");
        assertThat(logs.messages()).containsExactlyInAnyOrder("task 0", "task 1", "task 2", "task 3", "test thread");
        assertThat(logs.events()).extracting(CapturedEvent::thread).contains(Thread.currentThread().getName())
                .anyMatch(name -> name.startsWith("pool-"));
    }
}
