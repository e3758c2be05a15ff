package dev.spool.forward;

import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.durable.QueueSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LegacySpillTest {

    @TempDir
    Path dir;

    private static QueueSettings settings(Path spill) {
        return new QueueSettings(spill, 1 << 20, 1 << 16, Duration.ofSeconds(1), QueueSettings.WhenFull.BLOCK,
                Duration.ZERO);
    }

    @Test
    void aSpillFileOfAnEarlierVersionIsTakenUpInOrderWithoutItsTornLastLine() throws IOException {
        Path spill = dir.resolve("app.spill");
        String lines = IntStream.range(0, 1000).mapToObj(i -> "line-" + i + "\n").collect(Collectors.joining());
        Files.writeString(spill, lines + "torn-li", StandardCharsets.US_ASCII);

        Path aside = LegacySpill.moveAside(spill);
        List<String> read = new ArrayList<>();
        try (DurableQueue queue = DurableQueue.open(settings(spill))) {
            LegacySpill.takeUp(aside, queue, 1024); // several records
            assertThat(queue.pendingEvents()).isEqualTo(1000);
            try (DurableQueue.Reader r = queue.reader()) {
                r.seek(queue.committedPosition());
                while (r.next()) {
                    read.addAll(StandardCharsets.US_ASCII.decode(r.payload()).toString().lines().collect(Collectors.toList()));
                }
            }
        }
        assertThat(read).containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(i -> "line-" + i)
                .collect(Collectors.toList()));
        assertThat(aside).doesNotExist();
        assertThat(spill).isDirectory();
    }

    @Test
    void nothingToTakeUpWhenTheSpillIsAlreadyADirectory() throws IOException {
        Path spill = Files.createDirectories(dir.resolve("new.spill"));
        assertThat(LegacySpill.moveAside(spill)).isNull();
    }
}
