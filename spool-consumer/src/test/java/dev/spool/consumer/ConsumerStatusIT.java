package dev.spool.consumer;

import dev.spool.collector.json.JsonEventReader;
import dev.spool.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a consumer tells about itself (lag, health, the status file) and a close while the store is down. */
class ConsumerStatusIT {

    @TempDir
    Path dir;

    private TestQueue queue;
    private String store;

    @BeforeEach
    void setUp() throws Exception {
        queue = new TestQueue();
        store = "sqlite:" + dir.resolve("spool.db");
    }

    @AfterEach
    void tearDown() throws Exception {
        queue.close();
    }

    @Test
    void reportsTheLagAndWritesTheStatusFileEverySecond() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (int m = 0; m < 10; m++) {
            queue.publish(Lines.body(0, m * 10L, m * 10L + 10), 10, "m" + m);
        }
        Path statusFile = dir.resolve("status").resolve("consumer.json");
        ConsumerSettings settings = queue.settings(store).prefetch(1).statusFile(statusFile)
                .writerFactory(() -> new FaultyWriter(StoreTarget.open(store), batch -> release.await(60, TimeUnit.SECONDS), null))
                .build();
        try (Consumer c = Consumer.start(settings)) {
            // One message held by the worker (prefetch 1, its write waiting), nine ready: the lag.
            await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().queueDepth() == 9);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(statusFile));
            Map<String, Object> status = read(statusFile);
            assertThat(status).containsEntry("running", true).containsEntry("queue", queue.queue)
                    .containsEntry("store", store).containsEntry("workers", 1L);
            assertThat(status.get("pid")).isEqualTo(ProcessHandle.current().pid());
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().eventsStored() == 100);
            await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().queueDepth() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(100).equals(read(statusFile).get("events_stored")));
            assertThat(c.stats().healthy()).isTrue();
        }
        Map<String, Object> last = read(statusFile);
        assertThat(last).containsEntry("running", false).containsEntry("events_stored", 100L)
                .containsEntry("batches", 10L).containsEntry("messages", 10L);
        assertThat(last.get("dead_lettered")).asString().contains("bad-event=0");
    }

    @Test
    void aCloseWhileTheStoreIsDownGivesUpAtItsTimeoutAndLeavesEverythingForRedelivery() throws Exception {
        for (int m = 0; m < 5; m++) {
            queue.publish(Lines.body(0, m * 10L, m * 10L + 10), 10, "m" + m);
        }
        CountDownLatch failing = new CountDownLatch(3);
        ConsumerSettings settings = queue.settings(store).closeTimeout(Duration.ofMillis(500))
                .writerFactory(() -> new FaultyWriter(StoreTarget.open(store), batch -> {
                    failing.countDown();
                    throw new StoreException("test: the store is down", null, true);
                }, null)).build();
        Consumer c = Consumer.start(settings);
        assertThat(failing.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.ready()).isZero();
        c.close();
        assertThat(c.stats().messages()).isZero();
        assertThat(queue.ready()).as("every message back in the queue, none acknowledged").isEqualTo(5);
        assertThat(c.stats().deadLetteredTotal()).isZero();
        assertThat(StoreRows.rows(store)).isZero();
    }

    @Test
    void aStoreThatFailsEveryMessageCostsAFewDeadLettersNotTheQueue() throws Exception {
        for (int m = 0; m < 10; m++) {
            queue.publish(Lines.body(0, m * 10L, m * 10L + 10), 10, "m" + m);
        }
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        ConsumerSettings settings = queue.settings(store).maxAttempts(2)
                .writerFactory(() -> new FaultyWriter(StoreTarget.open(store), batch -> {
                    if (broken.get()) {
                        throw new StoreException("test: permission denied for table logs", null, false);
                    }
                }, null)).build();
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(c.stats().lastError())
                    .contains("not dead-lettering more until a write succeeds"));
            assertThat(queue.deadCount()).isEqualTo(Worker.MAX_POISON_IN_A_ROW);
            assertThat(c.stats().healthy()).isFalse();
            assertThat(c.stats().eventsStored()).isZero();
            broken.set(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().eventsStored() == 70);
            assertThat(c.stats().eventsStored()).isEqualTo(70);
            assertThat(c.stats().deadLettered()).containsEntry("store-failed", 3L);
        }
        assertThat(StoreRows.rows(store)).isEqualTo(70);
        assertThat(queue.ready()).isZero();
    }

    @Test
    void aStoreDownAtStartMakesTheConsumerUnhealthyUntilItOpensEvenWithAnIdleQueue() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        ConsumerSettings settings = queue.settings(store).writerFactory(() -> {
            if (down.get()) {
                throw new StoreException("test: connection refused", null, true);
            }
            return StoreTarget.open(store);
        }).build();
        try (Consumer c = Consumer.start(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().workersConnected() == 1 && c.stats().retries() > 0);
            assertThat(c.stats().healthy()).isFalse();
            assertThat(c.stats().lastError()).contains("connection refused");
            down.set(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().healthy());
            queue.publish(Lines.body(0, 0, 10), 10, "after");
            await().atMost(Duration.ofSeconds(30)).until(() -> c.stats().eventsStored() == 10);
        }
    }

    private static Map<String, Object> read(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return JsonEventReader.readObject(bytes, 0, bytes.length - 1);
    }
}
