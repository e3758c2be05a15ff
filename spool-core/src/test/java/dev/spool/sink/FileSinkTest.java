package dev.spool.sink;

import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.spool.sink.LineFormat.LINES;
import static dev.spool.sink.LineFormat.lines;
import static dev.spool.sink.LineFormat.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSinkTest {

    @TempDir
    Path dir;

    @Test
    void appendsAfterExistingContent() throws IOException {
        Path file = dir.resolve("app.log");
        Files.writeString(file, "earlier\n");
        try (FileSink sink = FileSink.open(file, LINES)) {
            sink.write(TestEvent.event().message("later"));
            sink.flush();
        }
        assertThat(lines(file)).containsExactly("earlier", "later");
    }

    @Test
    void createsMissingParentDirectories() throws IOException {
        Path file = dir.resolve("a/b/c/app.log");
        try (FileSink sink = FileSink.open(file, LINES)) {
            sink.write(TestEvent.event().message("deep"));
        }
        assertThat(lines(file)).containsExactly("deep");
    }

    @Test
    void holdsABatchUntilFlush() throws IOException {
        Path file = dir.resolve("app.log");
        try (FileSink sink = FileSink.open(file, LINES)) {
            sink.write(TestEvent.event().message("one"));
            sink.write(TestEvent.event().message("two"));
            assertThat(Files.size(file)).isZero();
            sink.flush();
            assertThat(lines(file)).containsExactly("one", "two");
        }
    }

    @Test
    void writesOutEarlyWhenTheBufferFillsDuringABatch() throws IOException {
        Path file = dir.resolve("app.log");
        try (FileSink sink = FileSink.builder(file, LINES).bufferSizeBytes(100).build()) {
            for (int i = 0; i < 25; i++) {
                sink.write(numbered(i, 9)); // 10 bytes a line
            }
            long beforeFlush = Files.size(file);
            assertThat(beforeFlush).isBetween(100L, 240L);
            assertThat(Files.readString(file)).endsWith("\n");
            sink.flush();
        }
        assertThat(lines(file)).extracting(LineFormat::numberOf).containsExactlyElementsOf(range(0, 25));
    }

    @Test
    void keepsNoPartOfAnEventWhoseFormatThrows() throws IOException {
        Path file = dir.resolve("app.log");
        try (FileSink sink = FileSink.open(file, (event, out) -> {
            out.appendUtf8("half of ");
            if (event.message().toString().equals("bad")) {
                throw new IllegalStateException("format failed");
            }
            out.appendUtf8(event.message()).append((byte) '\n');
        })) {
            sink.write(TestEvent.event().message("good"));
            assertThatThrownBy(() -> sink.write(TestEvent.event().message("bad")))
                    .isInstanceOf(IllegalStateException.class);
            sink.write(TestEvent.event().message("after"));
        }
        assertThat(lines(file)).containsExactly("half of good", "half of after");
    }

    @Test
    void refusesUseAfterClose() throws IOException {
        FileSink sink = FileSink.open(dir.resolve("app.log"), LINES);
        sink.close();
        assertThatThrownBy(() -> sink.write(TestEvent.event())).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class Reopening {

        @Test
        void reopensWhenTheFileWasDeleted() throws IOException {
            Path file = dir.resolve("app.log");
            try (FileSink sink = FileSink.builder(file, LINES).fileCheckInterval(Duration.ZERO).build()) {
                sink.write(TestEvent.event().message("before"));
                sink.flush();
                Files.delete(file);
                sink.write(TestEvent.event().message("after"));
                sink.flush();
            }
            assertThat(lines(file)).containsExactly("after");
        }

        @Test
        void reopensWhenTheFileWasMovedAway() throws IOException {
            Path file = dir.resolve("app.log");
            Path moved = dir.resolve("app.log.1");
            try (FileSink sink = FileSink.builder(file, LINES).fileCheckInterval(Duration.ZERO).build()) {
                sink.write(TestEvent.event().message("before"));
                sink.flush();
                Files.move(file, moved);
                Files.writeString(file, "");
                sink.write(TestEvent.event().message("after"));
                sink.flush();
            }
            assertThat(lines(moved)).containsExactly("before");
            assertThat(lines(file)).containsExactly("after");
        }

        @Test
        void reopensOnTheNextFlushWhenAnInterruptClosedTheChannel() throws IOException {
            Path file = dir.resolve("app.log");
            try (FileSink sink = FileSink.open(file, LINES)) {
                sink.write(TestEvent.event().message("kept"));
                Thread.currentThread().interrupt();
                try {
                    assertThatThrownBy(sink::flush).isInstanceOf(ClosedByInterruptException.class);
                } finally {
                    Thread.interrupted();
                }
                assertThat(sink.hasBacklog()).isTrue();
                sink.flush();
                assertThat(sink.hasBacklog()).isFalse();
            }
            assertThat(lines(file)).containsExactly("kept");
        }
    }

    @Nested
    class WhenTheFileCannotBeWritten {

        private Path logs;
        private Path file;

        @BeforeEach
        void placeTheFileInItsOwnDirectory() {
            logs = dir.resolve("logs");
            file = logs.resolve("app.log");
        }

        /** Replaces the log directory by a plain file, so the log file can neither be found nor created. */
        private void blockTheDirectory() throws IOException {
            Files.delete(file);
            Files.delete(logs);
            Files.writeString(logs, "in the way");
        }

        private void unblockTheDirectory() throws IOException {
            Files.delete(logs);
        }

        @Test
        void keepsTheBacklogAndWritesItOnceTheFileCanBeOpened() throws IOException {
            try (FileSink sink = FileSink.builder(file, LINES).fileCheckInterval(Duration.ZERO).build()) {
                blockTheDirectory();
                sink.write(TestEvent.event().message("one"));
                assertThatThrownBy(sink::flush).isInstanceOf(IOException.class);
                assertThat(sink.hasBacklog()).isTrue();
                sink.write(TestEvent.event().message("two"));
                assertThatThrownBy(sink::flush).isInstanceOf(IOException.class);
                unblockTheDirectory();
                sink.flush();
                assertThat(sink.hasBacklog()).isFalse();
                sink.write(TestEvent.event().message("three"));
            }
            assertThat(lines(file)).containsExactly("one", "two", "three");
        }

        @Test
        void refusesEachEventThatWouldPassTheBacklogBound() throws IOException {
            List<Integer> refused = new ArrayList<>();
            try (FileSink sink = FileSink.builder(file, LINES).fileCheckInterval(Duration.ZERO)
                    .maxBacklogBytes(55).build()) {
                blockTheDirectory();
                sink.write(numbered(0, 9));
                assertThatThrownBy(sink::flush).isInstanceOf(IOException.class);
                for (int i = 1; i < 10; i++) {
                    try {
                        sink.write(numbered(i, 9));
                    } catch (SinkOverflowException e) {
                        assertThat(e.heldBytes()).isEqualTo(50);
                        refused.add(i);
                    }
                }
                unblockTheDirectory();
                sink.flush();
                sink.write(numbered(10, 9));
            }
            assertThat(refused).containsExactly(5, 6, 7, 8, 9);
            assertThat(lines(file)).extracting(LineFormat::numberOf).containsExactly(0, 1, 2, 3, 4, 10);
        }

        @Test
        void reportsTheBytesLostWhenClosedWithABacklog() throws IOException {
            FileSink sink = FileSink.builder(file, LINES).fileCheckInterval(Duration.ZERO).build();
            blockTheDirectory();
            sink.write(TestEvent.event().message("lost"));
            assertThatThrownBy(sink::close).isInstanceOf(IOException.class).hasMessageContaining("5 bytes");
            assertThat(new String(Files.readAllBytes(logs), StandardCharsets.UTF_8)).isEqualTo("in the way");
        }
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
