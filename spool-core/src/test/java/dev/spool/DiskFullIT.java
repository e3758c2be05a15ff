package dev.spool;

import dev.spool.testkit.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline on a real file system that fills up: callers never see the failure, the errors
 * are counted, and writing resumes by itself when space comes back.
 */
class DiskFullIT {

    @TempDir
    Path tmp;
    private SmallDisk disk;

    @BeforeEach
    void mount() throws Exception {
        disk = SmallDisk.mount(tmp, 2048);
    }

    @AfterEach
    void unmount() throws Exception {
        Spool.shutdown(Duration.ofSeconds(5));
        disk.close();
    }

    @Test
    void callersAreUnaffectedErrorsAreCountedAndWritingResumesWhenSpaceReturns() throws Exception {
        Path file = disk.root().resolve("app.log");
        Spool.configure(SpoolConfig.builder().name("disk-full").shutdownHook(false).jmx(false)
                .destination("file", "file", Map.of("path", file.toString(), "pattern", "%m%n", "maxBacklog", "512KB"))
                .route("root", "", Level.INFO, "file").build());
        Logger log = Spool.logger("disk");
        disk.fillLeaving(4 * 1024);
        for (int i = 0; i < 20_000; i++) {
            log.info("event {} {}", i, "x".repeat(40)); // ~1 MB in all: more than the backlog bound
        }
        Spool.flush(Duration.ofSeconds(10));
        PipelineStats full = Spool.stats();
        DestinationStats fileStats = full.destinations().get(0);
        assertThat(full.written()).as("the writer took every event; the destination holds or refuses them")
                .isEqualTo(20_000);
        assertThat(fileStats.errors()).isPositive();
        assertThat(fileStats.backlog()).isTrue();
        assertThat(fileStats.lastError()).contains("No space left");
        assertThat(fileStats.failed()).as("events over the 512 KB backlog bound are refused and counted").isPositive();

        disk.free();
        await().atMost(Duration.ofSeconds(20)).until(() -> !Spool.stats().destinations().get(0).backlog());
        log.info("after recovery");
        Spool.flush(Duration.ofSeconds(10));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long refused = Spool.stats().destinations().get(0).failed();
        assertThat(lines).hasSize((int) (20_000 - refused + 1));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("after recovery");
        int previous = -1;
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertThat(line).matches("event \\d+ x{40}");
            int n = Integer.parseInt(line.split(" ")[1]);
            assertThat(n).as("whole lines, each once, in order").isGreaterThan(previous);
            previous = n;
        }
    }
}
