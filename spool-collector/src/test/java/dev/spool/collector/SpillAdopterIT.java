package dev.spool.collector;

import dev.spool.forward.SpillDirectory;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.durable.QueueSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector with a spill directory adopts the queues ended forwarders left there: their lines are read
 * as a client's (strictly: a malformed or oversized line is counted and skipped, as it would be refused
 * on a connection; a line already written is a duplicate), written, and the queue deleted. A queue still
 * locked by its owner, or younger than the grace period, is left alone.
 */
class SpillAdopterIT {

    @TempDir
    Path dir;

    @Test
    void orphanedQueuesAreWrittenOnceBadLinesCountedAndLockedOnesLeftAlone() throws Exception {
        Path spill = dir.resolve("spill");
        Path out = dir.resolve("out.log");
        String one = Events.line("one");
        String big = "{\"v\":1,\"level\":\"INFO\",\"message\":\"" + "x".repeat(2048) + "\"}";
        Path orphan = queue(spill.resolve("forward-1-a.spill"), one + "\n{\"v\":1,\"levle\":\"INFO\"}\n" + big + "\n"
                + one + "\n" + Events.line("two") + "\n");
        Path locked = spill.resolve("forward-2-b.spill");
        DurableQueue owner = DurableQueue.open(settings(locked)); // a live forwarder's queue
        Path young = spill.resolve("forward-3-c.spill");
        try {
            append(owner, Events.line("not yet") + "\n");
            Files.setLastModifiedTime(locked, FileTime.from(Instant.now().minusSeconds(60)));
            try (DurableQueue q = DurableQueue.open(settings(young))) {
                append(q, Events.line("young") + "\n");
            }
            // younger than the grace period for as long as the test runs, however slow the machine
            Files.setLastModifiedTime(young, FileTime.from(Instant.now().plusSeconds(60)));
            try (Collector collector = Collector.start(CollectorConfig.builder(CollectorIT.fileOutput(out, "adopter"))
                    .listen("tcp://127.0.0.1:0").maxEventBytes(1024).spillDir(spill).build())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(orphan));
                assertThat(Events.lines(out)).extracting(Events::message).containsExactly("one", "two");
                CollectorStats stats = collector.stats();
                assertThat(stats.rejected()).containsEntry("malformed", 1L).containsEntry("too_large", 1L);
                assertThat(stats.duplicates()).isEqualTo(1);
                assertThat(locked).as("its owner holds it").exists();
                assertThat(young).as("within the grace period").exists();
                assertThat(new String(Protocol.statusLine(stats, collector.pipelineStats()), StandardCharsets.UTF_8))
                        .doesNotContain("spill"); // the plain status line; the collector's own adds the block
            }
        } finally {
            owner.close();
        }
    }

    @Test
    void configureWorkerPassesTheSpillDirectoryAndTheOptionsGiven() throws Exception {
        Path spill = dir.resolve("spill");
        try (Collector collector = Collector.start(CollectorConfig.builder(CollectorIT.fileOutput(dir.resolve("o"), "c"))
                .listen("tcp://127.0.0.1:0").spillDir(spill).build())) {
            ProcessBuilder worker = collector.configureWorker(new ProcessBuilder("true"),
                    java.util.Map.of("closeTimeout", "30s"));
            assertThat(worker.environment())
                    .containsEntry("SPOOL_FORWARD", collector.address().toString())
                    .containsEntry("SPOOL_FORWARD_SPILL_DIR", spill.toString())
                    .containsEntry("SPOOL_FORWARD_CLOSE_TIMEOUT", "30s");
            ProcessBuilder own = collector.configureWorker(new ProcessBuilder("true"),
                    java.util.Map.of("spill", dir.resolve("own").toString()));
            assertThat(own.environment()).as("a worker given its own spill does not also get the shared one")
                    .doesNotContainKey("SPOOL_FORWARD_SPILL_DIR");
        }
    }

    private static Path queue(Path path, String lines) throws Exception {
        try (DurableQueue q = DurableQueue.open(settings(path))) {
            append(q, lines);
        }
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(SpillDirectory.GRACE).minusSeconds(10)));
        return path;
    }

    private static void append(DurableQueue q, String lines) throws Exception {
        ByteBuilder b = new ByteBuilder(256);
        byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
        b.append(bytes, 0, bytes.length);
        assertThat(q.append(b, (int) lines.chars().filter(c -> c == '\n').count())).isTrue();
    }

    private static QueueSettings settings(Path path) {
        return new QueueSettings(path, 1L << 20, 64L << 10, Duration.ofMillis(200), QueueSettings.WhenFull.BLOCK,
                Duration.ZERO);
    }
}
