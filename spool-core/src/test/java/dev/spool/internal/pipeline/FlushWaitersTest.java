package dev.spool.internal.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FlushWaitersTest {

    private final FlushWaiters waiters = new FlushWaiters();

    @Test
    void returnsAtOnceWhenTheTargetWasAlreadyFlushed() {
        waiters.flushedUpTo(10);
        assertThat(waiters.await(10, Duration.ZERO)).isTrue();
        assertThat(waiters.await(11, Duration.ZERO)).isFalse();
    }

    @Test
    void aWaiterReturnsWhenTheWriterFlushesItsTarget() throws Exception {
        CompletableFuture<Boolean> flushed = CompletableFuture.supplyAsync(() -> waiters.await(5, Duration.ofSeconds(30)));
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> waiters.flushedUpTo(4)); // true once the waiter is counted
        assertThat(flushed).isNotDone();
        waiters.flushedUpTo(5);
        assertThat(flushed.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.flushedUpTo(6)).as("no one waits any more: no notify").isFalse();
    }

    @Test
    void aWaiterGivesUpAtItsTimeout() {
        long start = System.nanoTime();
        assertThat(waiters.await(1, Duration.ofMillis(50))).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aFinishedWriterReleasesWaitersWithFalse() throws Exception {
        CompletableFuture<Boolean> flushed = CompletableFuture.supplyAsync(() -> waiters.await(5, Duration.ofSeconds(30)));
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> waiters.flushedUpTo(0));
        waiters.finish();
        assertThat(flushed.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void anInterruptedWaiterReturnsFalseWithItsFlagSet() {
        Thread.currentThread().interrupt();
        try {
            assertThat(waiters.await(1, Duration.ofSeconds(30))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
