package dev.spool;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A program that logs and simply returns from main: the JVM shutdown hook drains the queue. */
class ShutdownHookIT {

    private static final int EVENTS = 200_000;

    /**
     * The child: logs EVENTS events to a file and exits without calling Spool.shutdown(). The file is
     * slow (2 ms per batch: a slow disk, which is the behaviour under test, not a wait for something),
     * so a full queue is still being written when main returns.
     */
    public static void main(String[] args) {
        boolean hook = Boolean.parseBoolean(args[1]);
        Spool.configure(SpoolConfig.builder().name("hook").shutdownHook(hook).shutdownTimeout(java.time.Duration.ofSeconds(30))
                .queueCapacity(65_536).maxBatch(1_024)
                .destination("file", context -> new SlowDisk(dev.spool.sink.FileSink.open(Path.of(args[0]),
                        dev.spool.format.TextFormat.of("%m%n", java.time.ZoneOffset.UTC))))
                .route("root", "", Level.INFO, "file").build());
        Logger log = Spool.logger("hook");
        for (int i = 0; i < EVENTS; i++) {
            log.info("event {}", i);
        }
    }

    /** A file sink whose flush takes 2 ms more. */
    private static final class SlowDisk implements dev.spool.spi.Sink {
        private final dev.spool.spi.Sink file;

        SlowDisk(dev.spool.spi.Sink file) {
            this.file = file;
        }

        @Override public void write(dev.spool.spi.LogEvent event) throws java.io.IOException { file.write(event); }
        @Override public void flush() throws java.io.IOException {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
            file.flush();
        }
        @Override public void close() throws java.io.IOException { file.close(); }
    }

    private static long linesAfterExit(Path dir, boolean hook) throws Exception {
        Path file = dir.resolve("out.log");
        ChildJvm child = ChildJvm.builder(ShutdownHookIT.class).args(file.toString(), Boolean.toString(hook))
                .run(Duration.ofSeconds(60));
        String out = child.output();
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
