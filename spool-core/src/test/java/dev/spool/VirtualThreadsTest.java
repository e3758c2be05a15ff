package dev.spool;

import dev.spool.testkit.CapturingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Virtual threads (JDK 21+, run by the JDK 25 test execution) log through the same pipeline. */
class VirtualThreadsTest {

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void thousandsOfVirtualThreadsLogWithoutLossThroughAFullQueue() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+; the JDK 25 run covers this");
        CapturingSink sink = new CapturingSink();
        Spool.configure(PipelineTest.config(sink, 64, OverflowPolicy.BLOCK).build());
        Logger log = Spool.logger("virtual");
        ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        int threads = 2_000;
        int events = 50;
        {
            for (int t = 0; t < threads; t++) {
                int id = t;
                executor.submit(() -> {
                    try (Context.Scope s = Spool.correlationId("v" + id)) {
                        for (int i = 0; i < events; i++) {
                            log.info("t{} {}", id, i);
                        }
                    }
                });
            }
            executor.shutdown();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(sink.events()).hasSize(threads * events);
        PipelineTest.assertPerThreadOrder(sink.events());
        assertThat(sink.events()).allSatisfy(e ->
                assertThat(e.context().get("correlation_id")).isEqualTo("v" + e.message().split(" ")[0].substring(1)));
    }
}
