package dev.spool.sink;

import dev.spool.testkit.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.spool.sink.LineFormat.lines;
import static dev.spool.sink.LineFormat.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real full disk: a 512 KiB tmpfs filled with a filler file. Needs root (mount); fails, never skips,
 * when the mount does not work, so a lost guarantee cannot hide behind a skipped test.
 */
class FileSinkDiskFullIT {

    private static final int LINE_WIDTH = 99; // plus the newline: 100 bytes an event

    @TempDir
    Path tmp;

    private SmallDisk smallDisk;
    private Path disk;

    @BeforeEach
    void mountASmallDisk() throws IOException, InterruptedException {
        smallDisk = SmallDisk.mount(tmp, 512);
        disk = smallDisk.root();
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        smallDisk.close();
    }

    @Test
    void keepsEveryAcceptedEventThroughAFullDiskAndRefusesThoseOverTheBound() throws IOException {
        Path file = disk.resolve("app.log");
        List<Integer> accepted = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        try (FileSink sink = FileSink.builder(file, LineFormat.LINES).maxBacklogBytes(64 * 1024).build()) {
            fillTheDiskLeaving(8 * 1024);
            writeEvents(sink, 0, 200, accepted, refused);
            assertThatThrownBy(sink::flush).isInstanceOf(IOException.class);
            assertThat(sink.hasBacklog()).isTrue();
            assertThat(Files.size(file)).as("the disk took part of the batch, ending mid-line")
                    .isPositive().matches(size -> size % (LINE_WIDTH + 1) != 0);

            writeEvents(sink, 200, 1000, accepted, refused);
            assertThatThrownBy(sink::flush).isInstanceOf(IOException.class);
            assertThat(sink.hasBacklog()).isTrue();

            smallDisk.free();
            sink.flush();
            assertThat(sink.hasBacklog()).isFalse();
            writeEvents(sink, 1000, 1100, accepted, refused);
            sink.flush();
        }
        assertThat(refused).isNotEmpty().allMatch(n -> n >= 200 && n < 1000);
        assertThat(refused).containsExactlyElementsOf(FileSinkTest.range(refused.get(0), 1000));
        assertWholeLinesExactly(lines(file), accepted);
    }

    @Test
    void keepsEventsWhenAnEarlyWriteOutHitsAFullDisk() throws IOException {
        Path file = disk.resolve("app.log");
        List<Integer> accepted = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        try (FileSink sink = FileSink.builder(file, LineFormat.LINES).bufferSizeBytes(1024).build()) {
            fillTheDiskLeaving(0);
            writeEvents(sink, 0, 300, accepted, refused);
            assertThat(sink.hasBacklog()).isTrue();
            smallDisk.free();
            sink.flush();
        }
        assertThat(refused).isEmpty();
        assertWholeLinesExactly(lines(file), accepted);
    }

    @Test
    void rollingSinkNeverSplitsAnEventAcrossFilesWhenTheDiskFills() throws IOException {
        Path file = disk.resolve("app.log");
        List<Integer> accepted = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        try (RollingFileSink sink = RollingFileSink.builder(file, LineFormat.LINES).maxSizeBytes(4096)
                .maxBackups(1000).clock(MutableClock.ticking("2026-11-21T00:00:00Z")).bufferSizeBytes(2048).build()) {
            writeEvents(sink, 0, 100, accepted, refused);
            fillTheDiskLeaving(6 * 1024);
            writeEvents(sink, 100, 400, accepted, refused);
            assertThat(sink.hasBacklog()).isTrue();
            smallDisk.free();
            sink.flush();
            writeEvents(sink, 400, 500, accepted, refused);
        }
        List<String> all = new ArrayList<>();
        for (Path each : backupsThenActive(file)) {
            all.addAll(lines(each));
        }
        assertWholeLinesExactly(all, accepted);
    }

    /** Writes events {@code [from, to)}, sorting them into accepted and refused (by overflow). */
    private static void writeEvents(dev.spool.spi.Sink sink, int from, int to, List<Integer> accepted,
            List<Integer> refused) throws IOException {
        for (int i = from; i < to; i++) {
            try {
                sink.write(numbered(i, LINE_WIDTH));
                accepted.add(i);
            } catch (SinkOverflowException e) {
                refused.add(i);
            }
        }
    }

    private static void assertWholeLinesExactly(List<String> lines, List<Integer> expectedNumbers) {
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(LINE_WIDTH).matches("e\\d+\\.+"));
        assertThat(lines).extracting(LineFormat::numberOf).containsExactlyElementsOf(expectedNumbers);
    }

    /** Fills the disk with the filler file, then frees {@code freeBytes} at its end. */
    private void fillTheDiskLeaving(long freeBytes) throws IOException {
        smallDisk.fillLeaving(freeBytes);
    }

    private List<Path> backupsThenActive(Path active) throws IOException {
        try (Stream<Path> files = Files.list(disk)) {
            List<Path> all = new ArrayList<>(files.filter(p -> p.getFileName().toString().matches("app\\..+\\.log"))
                    .filter(p -> !p.equals(active)).sorted().toList());
            all.add(active);
            return all;
        }
    }
}
