package dev.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A program that logs and simply returns from main: the JVM shutdown hook drains the queue. */
class ShutdownHookIT {

    private static final int EVENTS = 200_000;

    /** The child: logs EVENTS events to a file and exits without calling Spool.shutdown(). */
    public static void main(String[] args) {
        boolean hook = Boolean.parseBoolean(args[1]);
        Spool.configure(SpoolConfig.builder().name("hook").shutdownHook(hook).queueCapacity(65_536)
                .destination("file", "file", Map.of("path", args[0], "pattern", "%m%n"))
                .route("root", "", Level.INFO, "file").build());
        Logger log = Spool.logger("hook");
        for (int i = 0; i < EVENTS; i++) {
            log.info("event {}", i);
        }
    }

    private static long linesAfterExit(Path dir, boolean hook) throws Exception {
        Path file = dir.resolve("out.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ShutdownHookIT.class.getName(), file.toString(), Boolean.toString(hook)))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isZero();
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    @Test
    void theShutdownHookWritesEverythingQueuedWhenMainReturns(@TempDir Path dir) throws Exception {
        assertThat(linesAfterExit(dir, true)).isEqualTo(EVENTS);
    }

    @Test
    void withoutTheHookWhatIsStillQueuedAtExitIsNotWritten(@TempDir Path dir) throws Exception {
        // The control case: shows the first test measures the hook, not a queue that happened to be empty.
        assertThat(linesAfterExit(dir, false)).isLessThan(EVENTS);
    }
}
