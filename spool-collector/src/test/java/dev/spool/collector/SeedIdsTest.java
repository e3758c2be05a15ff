package dev.spool.collector;

import dev.spool.EventId;
import dev.spool.collector.json.JsonEventReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SeedIdsTest {

    @TempDir
    Path dir;

    @Test
    void seedsTheWindowWithTheIdsOfAJsonLinesFileAndCutsATornTail() throws Exception {
        Path file = dir.resolve("out.log");
        StringBuilder content = new StringBuilder();
        String[] lines = {Events.line("a"), Events.line("b"), Events.line("c")};
        for (String line : lines) {
            content.append(line).append('\n');
        }
        content.append("{\"v\":1,\"id\":\"01KAMDFE43");
        Files.writeString(file, content, StandardCharsets.UTF_8);

        DedupWindow window = new DedupWindow(100);
        assertThat(SeedIds.seed(file, 1 << 20, window)).isEqualTo(3);

        assertThat(Files.readString(file)).isEqualTo(content.substring(0, content.lastIndexOf("\n") + 1));
        for (String line : lines) {
            long[] id = JsonEventReader.decodeId(line.substring(13, 39));
            assertThat(window.add(id[0], id[1])).as("seeded %s", line).isFalse();
        }
        assertThat(window.add(EventId.high(System.currentTimeMillis()), EventId.nextLow())).isTrue();
    }

    @Test
    void readsOnlyTheEndOfALargeFile() throws Exception {
        Path file = dir.resolve("big.log");
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            content.append(Events.line("event-" + i)).append('\n');
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
        long lineBytes = Files.size(file) / 100;
        long seeded = SeedIds.seed(file, lineBytes * 10, new DedupWindow(1000));
        assertThat(seeded).isBetween(9L, 10L);
    }
}
