package dev.spool.sink;

import dev.spool.Resource;
import dev.spool.spi.Options;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.spool.sink.LineFormat.LINES;
import static dev.spool.sink.LineFormat.lines;
import static dev.spool.sink.LineFormat.numbered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-process mode of {@link RollingFileSink} with several sinks on one real file in this JVM: each sink
 * plays one process (the in-JVM lock makes them take turns just as the file lock makes processes do).
 */
class SharedRollingFileIT {

    private static final String T0 = "2026-11-21T23:55:01.123Z";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream reports = new ByteArrayOutputStream();
    private PrintStream previousReports;

    @BeforeEach
    void captureReports() {
        previousReports = Diagnostics.redirect(new PrintStream(reports, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreReports() {
        Diagnostics.redirect(previousReports);
    }

    private String reports() {
        return reports.toString(StandardCharsets.UTF_8);
    }

    private Path active() {
        return dir.resolve("app.log");
    }

    private RollingFileSink.Builder shared(MutableClock clock) {
        return RollingFileSink.builder(active(), LINES).clock(clock).zone(ZoneOffset.UTC).multiProcess(true);
    }

    /** Backups oldest first (plain name order would put {@code -1} before the unsuffixed name). */
    private List<String> backupNames() throws IOException {
        BackupNames names = new BackupNames("app.log", ZoneOffset.UTC);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> names.parse(p.getFileName().toString())).filter(b -> b != null)
                    .sorted(BackupNames.Backup.NEWEST_FIRST.reversed()).map(BackupNames.Backup::name).toList();
        }
    }

    @Test
    void twoSinksOnOneFileInThisJvmTakeTurnsAndLoseNothing() throws Exception {
        int events = 20_000;
        ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.named("spool-test"));
        CountDownLatch start = new CountDownLatch(1);
        try {
            // the second sink names the file through another path, as another configuration might
            Future<?> a = threads.submit(() -> writeNumbered(active(), "a", events, start));
            Future<?> b = threads.submit(() -> writeNumbered(dir.resolve(".").resolve("app.log"), "b", events, start));
            start.countDown();
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        List<String> all = new ArrayList<>();
        for (String backup : backupNames()) {
            all.addAll(lines(dir.resolve(backup)));
        }
        all.addAll(lines(active()));
        assertThat(backupNames()).as("rotated many times").hasSizeGreaterThan(100);
        assertThat(all.stream().filter(l -> l.startsWith("a")).toList()).isEqualTo(expected("a", events));
        assertThat(all.stream().filter(l -> l.startsWith("b")).toList()).isEqualTo(expected("b", events));
        assertThat(all).hasSize(2 * events);
        assertThat(reports()).isEmpty();
    }

    private static List<String> expected(String prefix, int events) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            lines.add(prefix + i);
        }
        return lines;
    }

    private static Void writeNumbered(Path path, String prefix, int events, CountDownLatch start) throws Exception {
        try (RollingFileSink sink = RollingFileSink.builder(path, LINES).maxSizeBytes(1024).maxBackups(1_000_000)
                .multiProcess(true).build()) {
            start.await();
            for (int i = 0; i < events; i++) {
                sink.write(TestEvent.event().message(prefix + i));
                if (i % 50 == 49) {
                    sink.flush(); // throws if the two sinks ever collided on the file lock
                }
            }
        }
        return null;
    }

    @Nested
    class TornLines {

        @Test
        void endsALineAWriterLeftUnfinishedBeforeWriting() throws IOException {
            Files.writeString(active(), "e0\ne1.....\nP9 N00");
            try (RollingFileSink sink = shared(MutableClock.at(T0)).maxSizeBytes(1_000_000).build()) {
                sink.write(numbered(2, 3));
                sink.flush();
                sink.write(numbered(3, 3));
                sink.flush();
            }
            assertThat(lines(active())).containsExactly("e0", "e1.....", "P9 N00", "e2.", "e3.");
            assertThat(reports()).contains("spool: the last line of " + active() + " was cut short");
        }

        @Test
        void leavesAFileThatEndsWithALineFeedAlone() throws IOException {
            Files.writeString(active(), "e0\n");
            try (RollingFileSink sink = shared(MutableClock.at(T0)).maxSizeBytes(1_000_000).build()) {
                sink.write(numbered(1, 2));
                sink.flush();
            }
            assertThat(Files.readString(active())).isEqualTo("e0\ne1\n");
            assertThat(reports()).isEmpty();
        }
    }

    @Nested
    class Rotation {

        @Test
        void aWriterWhoseFileWasRotatedByAnotherReopensItInsteadOfWritingToTheBackup() throws IOException {
            MutableClock clock = MutableClock.at(T0);
            try (RollingFileSink first = shared(clock).maxSizeBytes(20).build();
                 RollingFileSink second = shared(clock).maxSizeBytes(20).build()) {
                first.write(numbered(0, 10));
                first.write(numbered(1, 10));
                first.flush(); // 22 bytes: rotates after writing
                second.write(numbered(2, 10));
                second.flush();
            }
            assertThat(backupNames()).containsExactly("app.20261121-235501-123.log");
            assertThat(lines(dir.resolve("app.20261121-235501-123.log"))).containsExactly("e0........", "e1........");
            assertThat(lines(active())).containsExactly("e2........");
        }

        @Test
        void writersAgreeOnTheScheduleSoTheFileRotatesOncePerBoundary() throws IOException {
            MutableClock clock = MutableClock.at(T0);
            try (RollingFileSink first = shared(clock).hourly().build();
                 RollingFileSink second = shared(clock).hourly().build()) {
                first.write(numbered(0, 2));
                first.flush();
                second.write(numbered(1, 2));
                second.flush();
                clock.set("2026-11-22T00:00:05Z");
                first.write(numbered(2, 2));
                first.flush();
                second.write(numbered(3, 2));
                second.flush();
            }
            assertThat(backupNames()).containsExactly("app.20261122-000005-000.log");
            assertThat(lines(dir.resolve("app.20261122-000005-000.log"))).containsExactly("e0", "e1");
            assertThat(lines(active())).containsExactly("e2", "e3");
            assertThat(Files.readString(dir.resolve("app.log.state")))
                    .contains("nextRotationMillis=" + Instant.parse("2026-11-22T01:00:00Z").toEpochMilli());
        }

        @Test
        void aWriterStartedAfterTheBoundaryTakesTheAgreedTimeFromTheStateFile() throws IOException {
            MutableClock clock = MutableClock.at(T0);
            try (RollingFileSink first = shared(clock).hourly().build()) {
                first.write(numbered(0, 2));
                first.flush();
                clock.set("2026-11-22T00:00:05Z");
                try (RollingFileSink late = shared(clock).hourly().build()) {
                    late.write(numbered(1, 2)); // the boundary of the state file has passed: rotates first
                    late.flush();
                }
                first.write(numbered(2, 2));
                first.flush();
            }
            assertThat(backupNames()).containsExactly("app.20261122-000005-000.log");
            assertThat(lines(dir.resolve("app.20261122-000005-000.log"))).containsExactly("e0");
            assertThat(lines(active())).containsExactly("e1", "e2");
        }

        @Test
        void aStateFileCutShortCountsAsAbsentAndIsWrittenAnew() throws IOException {
            Files.writeString(dir.resolve("app.log.state"), "# spool\nnextRotationMillis=12");
            MutableClock clock = MutableClock.at(T0);
            try (RollingFileSink sink = shared(clock).hourly().build()) {
                sink.write(numbered(0, 2));
                sink.flush();
            }
            assertThat(backupNames()).as("the torn boundary (1970) was not taken").isEmpty();
            assertThat(Files.readString(dir.resolve("app.log.state")))
                    .contains("nextRotationMillis=" + Instant.parse("2026-11-22T00:00:00Z").toEpochMilli())
                    .endsWith("end\n");
        }

        @Test
        void keepsOnlyMaxBackups() throws IOException {
            try (RollingFileSink sink = shared(MutableClock.ticking(T0)).maxSizeBytes(3).maxBackups(2).build()) {
                for (int i = 0; i < 6; i++) {
                    sink.write(numbered(i, 2));
                    sink.flush();
                }
            }
            assertThat(backupNames()).hasSize(2);
            List<String> kept = new ArrayList<>();
            for (String backup : backupNames()) {
                kept.addAll(lines(dir.resolve(backup)));
            }
            assertThat(kept).containsExactly("e4", "e5");
        }
    }

    @Nested
    class Settings {

        @Test
        void reportsWritersWithDifferentSettings() throws IOException {
            try (RollingFileSink first = shared(MutableClock.at(T0)).maxSizeBytes(1000).build();
                 RollingFileSink second = shared(MutableClock.at(T0)).maxSizeBytes(2000).build()) {
                second.write(numbered(0, 2));
                second.flush();
            }
            assertThat(reports()).contains("spool: processes writing " + active() + " have different settings")
                    .contains("maxSize=2000 schedule=none").contains("maxSize=1000 schedule=none");
        }

        @Test
        void writersWithTheSameSettingsReportNothing() throws IOException {
            try (RollingFileSink first = shared(MutableClock.at(T0)).maxSizeBytes(1000).build();
                 RollingFileSink second = shared(MutableClock.at(T0)).maxSizeBytes(1000).build()) {
                second.write(numbered(0, 2));
                second.flush();
            }
            assertThat(reports()).isEmpty();
        }

        @Test
        void singleProcessModeTakesNoLockAndKeepsNoState() throws IOException {
            try (RollingFileSink sink = RollingFileSink.builder(active(), LINES).maxSizeBytes(1000).build()) {
                sink.write(numbered(0, 2));
            }
            assertThat(Files.exists(dir.resolve("app.log.lock"))).isFalse();
            assertThat(Files.exists(dir.resolve("app.log.state"))).isFalse();
        }

        @Test
        void theRollingDestinationTurnsItOnWithMultiProcess() throws IOException {
            Options options = new Options("destination.app.", Map.of("path", active().toString(), "maxSize", "1KB",
                    "multiProcess", "true"));
            try (Sink sink = RollingFileSinkProvider.configure(options, o -> LINES).open(new SinkContext() {
                @Override
                public String destinationName() {
                    return "app";
                }

                @Override
                public Resource resource() {
                    return TestEvent.RESOURCE;
                }
            })) {
                sink.write(numbered(0, 2));
            }
            assertThat(lines(active())).containsExactly("e0");
            assertThat(Files.exists(dir.resolve("app.log.lock"))).isTrue();
            assertThat(Files.readString(dir.resolve("app.log.state"))).contains("settings=maxSize=1024 ");
        }
    }
}
