package dev.spool.sink;

import dev.spool.spi.support.Diagnostics;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static dev.spool.sink.LineFormat.LINES;
import static dev.spool.sink.LineFormat.lines;
import static dev.spool.sink.LineFormat.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RollingFileSinkTest {

    private static final String T0 = "2026-11-21T23:55:01.123Z";

    @TempDir
    Path dir;

    private Path active() {
        return dir.resolve("app.log");
    }

    private RollingFileSink.Builder builder(MutableClock clock) {
        return RollingFileSink.builder(active(), LINES).clock(clock).zone(ZoneOffset.UTC);
    }

    /** Backups in plain name order (which the ticking clock makes time order), then the active file. */
    private List<Path> filesInNameOrder() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> backups = new ArrayList<>(files.filter(p -> !p.equals(active())).sorted().toList());
            backups.add(active());
            return backups;
        }
    }

    private List<String> backupNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("app.log")).sorted().toList();
        }
    }

    @Nested
    class BySize {

        @Test
        void endsEachFileBelowMaxSizePlusItsLastEventAndKeepsEveryLineInOrder() throws IOException {
            int events = 600;
            try (RollingFileSink sink = builder(MutableClock.ticking(T0)).maxSizeBytes(1000).maxBackups(1000)
                    .bufferSizeBytes(64).build()) {
                for (int i = 0; i < events; i++) {
                    sink.write(numbered(i, 10 + i % 51));
                    if (i % 7 == 6) {
                        sink.flush();
                    }
                }
            }
            List<Integer> all = new ArrayList<>();
            List<Path> files = filesInNameOrder();
            assertThat(files).hasSizeGreaterThan(15);
            for (Path file : files) {
                List<String> lines = lines(file);
                assertThat(lines).isNotEmpty();
                long beforeLastEvent = Files.size(file) - (lines.get(lines.size() - 1).length() + 1);
                assertThat(beforeLastEvent).as(file.toString()).isLessThan(1000);
                lines.forEach(line -> all.add(LineFormat.numberOf(line)));
            }
            assertThat(all).containsExactlyElementsOf(FileSinkTest.range(0, events));
        }

        @Test
        void rotatesAFileAlreadyOverMaxSizeAtTheFirstEvent() throws IOException {
            Files.writeString(active(), "x".repeat(200) + "\n");
            try (RollingFileSink sink = builder(MutableClock.at(T0)).maxSizeBytes(100).build()) {
                sink.write(TestEvent.event().message("new"));
            }
            assertThat(backupNames()).containsExactly("app.20261121-235501-123.log");
            assertThat(lines(active())).containsExactly("new");
        }

        @Test
        void addsACounterWhenTheNameIsTaken() throws IOException {
            MutableClock frozen = MutableClock.at(T0);
            try (RollingFileSink sink = builder(frozen).maxSizeBytes(5).build()) {
                for (int i = 0; i < 4; i++) {
                    sink.write(numbered(i, 5));
                }
            }
            assertThat(backupNames()).containsExactlyInAnyOrder("app.20261121-235501-123.log",
                    "app.20261121-235501-123-1.log", "app.20261121-235501-123-2.log");
            assertThat(lines(dir.resolve("app.20261121-235501-123.log"))).containsExactly("e0...");
            assertThat(lines(dir.resolve("app.20261121-235501-123-2.log"))).containsExactly("e2...");
            assertThat(lines(active())).containsExactly("e3...");
        }

        @Test
        void needsASizeOrASchedule() {
            assertThatThrownBy(() -> RollingFileSink.builder(active(), LINES).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSizeBytes");
        }
    }

    @Nested
    class ByTime {

        @Test
        void rotatesAtTheFirstEventAfterMidnight() throws IOException {
            MutableClock clock = MutableClock.at(T0);
            try (RollingFileSink sink = builder(clock).daily().build()) {
                sink.write(TestEvent.event().message("a"));
                clock.set("2026-11-21T23:59:59.999Z");
                sink.write(TestEvent.event().message("b"));
                clock.set("2026-11-22T00:00:00.000Z");
                sink.write(TestEvent.event().message("c"));
            }
            assertThat(backupNames()).containsExactly("app.20261122-000000-000.log");
            assertThat(lines(dir.resolve("app.20261122-000000-000.log"))).containsExactly("a", "b");
            assertThat(lines(active())).containsExactly("c");
        }

        @Test
        void usesTheZoneForHourBoundariesAndNames() throws IOException {
            MutableClock clock = MutableClock.at("2026-11-21T10:29:59.999Z"); // 15:59:59.999 in Kolkata
            try (RollingFileSink sink = RollingFileSink.builder(active(), LINES).clock(clock)
                    .zone(ZoneId.of("Asia/Kolkata")).hourly().build()) {
                sink.write(TestEvent.event().message("before four"));
                clock.set("2026-11-21T10:30:00.000Z");
                sink.write(TestEvent.event().message("at four"));
            }
            assertThat(backupNames()).containsExactly("app.20261121-160000-000.log");
            assertThat(lines(active())).containsExactly("at four");
        }

        @Test
        void rotatesAFileLeftFromAnEarlierDayAtTheFirstEvent() throws IOException {
            Files.writeString(active(), "yesterday\n");
            Files.setLastModifiedTime(active(), FileTime.from(Instant.parse("2026-11-20T12:00:00Z")));
            try (RollingFileSink sink = builder(MutableClock.at(T0)).daily().build()) {
                sink.write(TestEvent.event().message("today"));
            }
            assertThat(backupNames()).containsExactly("app.20261121-235501-123.log");
            assertThat(lines(dir.resolve("app.20261121-235501-123.log"))).containsExactly("yesterday");
            assertThat(lines(active())).containsExactly("today");
        }

        @Test
        void doesNotRotateAnEmptyFile() throws IOException {
            MutableClock clock = MutableClock.at(T0);
            try (RollingFileSink sink = builder(clock).daily().build()) {
                clock.set("2026-11-22T08:00:00.000Z");
                sink.write(TestEvent.event().message("first"));
            }
            assertThat(backupNames()).isEmpty();
            assertThat(lines(active())).containsExactly("first");
        }
    }

    @Nested
    class Retention {

        @Test
        void keepsTheNewestMaxBackups() throws IOException {
            try (RollingFileSink sink = builder(MutableClock.ticking(T0)).maxSizeBytes(20).maxBackups(3).build()) {
                for (int i = 0; i < 50; i++) {
                    sink.write(numbered(i, 9));
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (Path file : filesInNameOrder()) {
                lines(file).forEach(line -> kept.add(LineFormat.numberOf(line)));
            }
            assertThat(backupNames()).hasSize(3);
            assertThat(kept).containsExactly(42, 43, 44, 45, 46, 47, 48, 49);
        }

        @Test
        void deletesBackupsOlderThanMaxAge() throws IOException {
            MutableClock clock = MutableClock.at("2026-11-21T10:00:00.000Z");
            try (RollingFileSink sink = builder(clock).maxSizeBytes(1).maxAge(Duration.ofMinutes(90)).build()) {
                for (int hour = 0; hour < 4; hour++) {
                    sink.write(numbered(hour, 5));
                    clock.advance(Duration.ofHours(1));
                }
            }
            assertThat(backupNames()).containsExactly("app.20261121-120000-000.log", "app.20261121-130000-000.log");
        }

        @Test
        void keepsBackupsWhenMaxAgeIsLongerThanAnyClockCanShow() throws IOException {
            try (RollingFileSink sink = builder(MutableClock.ticking(T0)).maxSizeBytes(1)
                    .maxAge(Duration.ofSeconds(Long.MAX_VALUE)).build()) {
                for (int i = 0; i < 3; i++) {
                    sink.write(numbered(i, 5));
                }
            }
            assertThat(backupNames()).hasSize(2);
        }

        @Test
        void leavesOtherFilesAlone() throws IOException {
            Files.writeString(dir.resolve("app.20261101-000000-000.txt"), "other extension\n");
            Files.writeString(dir.resolve("other.20261101-000000-000.log"), "other stem\n");
            try (RollingFileSink sink = builder(MutableClock.ticking(T0)).maxSizeBytes(1).maxBackups(1).build()) {
                for (int i = 0; i < 5; i++) {
                    sink.write(numbered(i, 5));
                }
            }
            assertThat(backupNames()).contains("app.20261101-000000-000.txt", "other.20261101-000000-000.log")
                    .hasSize(3);
        }
    }

    @Nested
    class Gzip {

        @Test
        void compressesBackupsOffTheWriterThreadWithTheSameContent() throws IOException {
            List<Integer> all = new ArrayList<>();
            try (RollingFileSink sink = builder(MutableClock.ticking(T0)).maxSizeBytes(200).gzip(true)
                    .maxBackups(100).build()) {
                for (int i = 0; i < 100; i++) {
                    sink.write(numbered(i, 19));
                }
                sink.flush();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        backupNames().stream().allMatch(n -> n.endsWith(".log.gz")) && backupNames().size() == 9);
                for (String name : backupNames()) {
                    gunzipLines(dir.resolve(name)).forEach(line -> all.add(LineFormat.numberOf(line)));
                }
                lines(active()).forEach(line -> all.add(LineFormat.numberOf(line)));
            }
            assertThat(all).containsExactlyElementsOf(FileSinkTest.range(0, 100));
        }

        @Test
        void closeWaitsForPendingCompressions() throws IOException {
            RollingFileSink sink = builder(MutableClock.at(T0)).maxSizeBytes(1).gzip(true).build();
            sink.write(TestEvent.event().message("first"));
            sink.write(TestEvent.event().message("second"));
            sink.close();
            assertThat(backupNames()).containsExactly("app.20261121-235501-123.log.gz");
            assertThat(gunzipLines(dir.resolve("app.20261121-235501-123.log.gz"))).containsExactly("first");
        }

        @Test
        void keepsTheUncompressedBackupAndReportsWhenCompressionFails() throws IOException {
            Path blocker = dir.resolve("app.20261121-235501-123.log.gz.tmp");
            Files.createDirectories(blocker.resolve("occupied"));
            ByteArrayOutputStream reports = new ByteArrayOutputStream();
            PrintStream previous = Diagnostics.redirect(new PrintStream(reports, true, StandardCharsets.UTF_8));
            try (RollingFileSink sink = builder(MutableClock.at(T0)).maxSizeBytes(1).gzip(true).build()) {
                sink.write(TestEvent.event().message("first"));
                sink.write(TestEvent.event().message("second"));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> reports.toString(StandardCharsets.UTF_8).contains("could not compress"));
            } finally {
                Diagnostics.redirect(previous);
            }
            assertThat(reports.toString(StandardCharsets.UTF_8)).startsWith("spool: ");
            assertThat(lines(dir.resolve("app.20261121-235501-123.log"))).containsExactly("first");
            assertThat(Files.exists(dir.resolve("app.20261121-235501-123.log.gz"))).isFalse();
        }

        @Test
        void compressesTheActiveFileBehindTheWriterFromHalfItsMaxSizeAndFinishesItAtRotation() throws IOException {
            Path partial = dir.resolve("app.log.gz.tmp");
            List<Integer> all = new ArrayList<>();
            int events = 12_000; // 1 KB each: the file rotates at 8 MB, after about 8,200
            try (RollingFileSink sink = builder(MutableClock.ticking(T0)).maxSizeBytes(8L << 20).gzip(true)
                    .maxBackups(100).build()) {
                int i = 0;
                for (; i < 3_000; i++) {
                    sink.write(numbered(i, 1000));
                }
                sink.flush();
                assertThat(partial).as("below half of maxSize: not followed yet").doesNotExist();
                for (; i < 5_000; i++) {
                    sink.write(numbered(i, 1000));
                }
                sink.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(partial) && Files.size(partial) > 0);
                assertThat(backupNames()).as("nothing rotated yet").containsExactly("app.log.gz.tmp");
                for (; i < events; i++) {
                    sink.write(numbered(i, 1000));
                }
                sink.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> backupNames().stream().anyMatch(n -> n.endsWith(".log.gz")));
            }
            assertThat(backupNames()).hasSize(1).allMatch(n -> n.endsWith(".log.gz"));
            assertThat(partial).as("the active file's partial gzip is dropped at close").doesNotExist();
            gunzipLines(dir.resolve(backupNames().get(0))).forEach(line -> all.add(LineFormat.numberOf(line)));
            lines(active()).forEach(line -> all.add(LineFormat.numberOf(line)));
            assertThat(all).containsExactlyElementsOf(FileSinkTest.range(0, events));
        }

        @Test
        void compressesTheBackupWholeWhenTheActiveFileWasReplacedUnderTheWriter() throws IOException {
            List<Integer> all = new ArrayList<>();
            try (RollingFileSink sink = builder(MutableClock.ticking(T0)).maxSizeBytes(4L << 20).gzip(true)
                    .fileCheckInterval(Duration.ZERO).maxBackups(100).build()) {
                for (int i = 0; i < 2_000; i++) {
                    sink.write(numbered(i, 1000));
                }
                sink.flush();
                Files.delete(active()); // another program took it: the writer starts a new file of that name
                for (int i = 2_000; i < 7_000; i++) {
                    sink.write(numbered(i, 1000));
                }
                sink.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> backupNames().stream().anyMatch(n -> n.endsWith(".log.gz")));
            }
            assertThat(backupNames()).hasSize(1).allMatch(n -> n.endsWith(".log.gz"));
            gunzipLines(dir.resolve(backupNames().get(0))).forEach(line -> all.add(LineFormat.numberOf(line)));
            lines(active()).forEach(line -> all.add(LineFormat.numberOf(line)));
            assertThat(all).as("the deleted file's events are gone, not mistaken for the backup's")
                    .containsExactlyElementsOf(FileSinkTest.range(2_000, 7_000));
        }

        @Test
        void deletesAPartialGzipLeftByACrashWhenItStarts() throws IOException {
            Path partial = dir.resolve("app.log.gz.tmp");
            Files.write(partial, new byte[] {0x1f, (byte) 0x8b, 8});
            try (RollingFileSink sink = builder(MutableClock.at(T0)).maxSizeBytes(1 << 20).gzip(true).build()) {
                assertThat(partial).doesNotExist();
                sink.write(TestEvent.event().message("first"));
            }
            assertThat(backupNames()).isEmpty();
            assertThat(lines(active())).containsExactly("first");
        }

        @Test
        void startsWhereACrashCameBetweenARotationsRenameAndTheNewFileAndKeepsTheBackupAsItIs() throws IOException {
            Path backup = dir.resolve("app.20261121-235501-123.log"); // renamed, the active file not yet created
            Files.writeString(backup, "one\ntwo\n");
            try (RollingFileSink sink = builder(MutableClock.at(T0)).maxSizeBytes(1 << 20).gzip(true).build()) {
                assertThat(active()).as("created by the start").exists();
                sink.write(TestEvent.event().message("three"));
            }
            assertThat(backupNames()).containsExactly("app.20261121-235501-123.log");
            assertThat(lines(backup)).containsExactly("one", "two");
            assertThat(lines(active())).containsExactly("three");
        }

        private List<String> gunzipLines(Path gz) throws IOException {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return Arrays.asList(text.split("\n"));
            }
        }
    }
}
