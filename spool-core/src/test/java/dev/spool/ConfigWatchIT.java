package dev.spool;

import dev.spool.spi.support.Diagnostics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code config.watch}: the file is checked every 100 ms here (the shortest accepted interval), and each
 * test waits on what it expects to see (a line in a file, a report on stderr), never for a fixed time.
 */
class ConfigWatchIT {

    private static final Duration AT_MOST = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream previousErr;
    private final AtomicInteger probes = new AtomicInteger();

    @BeforeEach
    void captureDiagnostics() {
        previousErr = Diagnostics.redirect(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
        Diagnostics.redirect(previousErr);
    }

    private Path config() {
        return dir.resolve("spool.properties");
    }

    private void write(String output, String watch, String extra) throws IOException {
        Files.writeString(config(), "name = watch-it\nshutdown.hook = false\njmx = false\n"
                + (watch == null ? "" : "config.watch = " + watch + "\n")
                + "destination.out.type = file\n"
                + "destination.out.path = " + dir.resolve(output).toString().replace("\\", "/") + "\n"
                + "destination.out.pattern = %m%n\n"
                + "route.root.destinations = out\n" + extra, StandardCharsets.UTF_8);
    }

    private List<String> lines(String output) throws IOException {
        Path file = dir.resolve(output);
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Logs a new probe and says whether it reached {@code output}: true once the file in force writes there. */
    private boolean probeReaches(String output) throws IOException {
        String probe = "probe " + probes.incrementAndGet();
        Spool.logger("app").info(probe);
        Spool.flush(Duration.ofSeconds(5));
        return lines(output).contains(probe);
    }

    private static boolean watchThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("spool-config-watch"));
    }

    @Test
    void aChangedValidFileIsApplied() throws Exception {
        write("a.log", "100ms", "");
        Spool.configure(config());
        Spool.logger("app").info("first");
        write("b.log", "100ms", "");
        await().atMost(AT_MOST).until(() -> probeReaches("b.log"));
        assertThat(lines("a.log")).startsWith("first");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("configuration reloaded from " + config());
        assertThat(Spool.stats().droppedTotal()).isZero();
    }

    @Test
    void anInvalidFileIsReportedOnceNamingKeyValueAndAcceptedAndTheRunningConfigurationStays() throws Exception {
        write("a.log", "100ms", "");
        Spool.configure(config());
        write("b.log", "100ms", "route.root.level = LOUD\n");
        await().atMost(AT_MOST).until(() -> err.toString(StandardCharsets.UTF_8).contains("not applied"));
        String report = err.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("'LOUD'").contains("'route.root.level'").contains("expected TRACE, DEBUG")
                .contains("the running configuration stays");
        assertThat(probeReaches("a.log")).isTrue();

        write("c.log", "100ms", ""); // fixed: applied, so the watch went on after the bad version
        await().atMost(AT_MOST).until(() -> probeReaches("c.log"));
        assertThat(lines("b.log")).isEmpty();
        String all = err.toString(StandardCharsets.UTF_8);
        assertThat(all.indexOf("not applied")).isEqualTo(all.lastIndexOf("not applied"));
    }

    @Test
    void aDeletedFileIsReportedAndItsReturnIsApplied() throws Exception {
        write("a.log", "100ms", "");
        Spool.configure(config());
        Files.delete(config());
        await().atMost(AT_MOST).until(() -> err.toString(StandardCharsets.UTF_8).contains("cannot be read"));
        assertThat(probeReaches("a.log")).isTrue();
        write("b.log", "100ms", "");
        await().atMost(AT_MOST).until(() -> probeReaches("b.log"));
    }

    @Test
    void theWatchStopsWhenTurnedOffInTheFileOrWhenCodeConfiguresOrAtShutdown() throws Exception {
        write("a.log", "100ms", "");
        Spool.configure(config());
        assertThat(watchThreadAlive()).isTrue();
        write("b.log", "off", "");
        await().atMost(AT_MOST).until(() -> probeReaches("b.log"));
        await().atMost(AT_MOST).until(() -> !watchThreadAlive());

        write("c.log", "100ms", "");
        Spool.configure(config());
        assertThat(watchThreadAlive()).isTrue();
        Spool.configure(SpoolConfig.builder().name("watch-it").shutdownHook(false).jmx(false).build());
        await().atMost(AT_MOST).until(() -> !watchThreadAlive());

        Spool.configure(config());
        assertThat(watchThreadAlive()).isTrue();
        Spool.shutdown(Duration.ofSeconds(5));
        await().atMost(AT_MOST).until(() -> !watchThreadAlive());
    }

    @Test
    void anOversizedFileIsNotReadAndTheRunningConfigurationStays() throws Exception {
        write("a.log", "100ms", "");
        Spool.configure(config());
        Files.write(config(), new byte[ConfigWatcher.MAX_BYTES + 1]);
        await().atMost(AT_MOST).until(() -> err.toString(StandardCharsets.UTF_8).contains("larger than"));
        assertThat(probeReaches("a.log")).isTrue();
    }
}
