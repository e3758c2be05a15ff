package dev.spool.cli.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The check reading a real file: the same verdicts as on lines in memory, and bad bytes do not stop it. */
class LogFileCheckIT {

    @TempDir
    Path dir;

    private Path write(Iterable<String> lines, byte[] extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(extra);
        for (String line : lines) {
            bytes.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("threaded.log");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private LogFileCheck check() {
        return new LogFileCheck("a1b2c3").expect("concurrency", 3, 5).expect("stress", 3, 5);
    }

    @Test
    void verifiesAGoodFileEvenWithMalformedUtf8InOtherLines() throws IOException {
        Path file = write(LogFileCheckTest.goodLog(), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});

        LogFileCheck.Result result = check().verify(file);

        assertThat(result.describe()).isEqualTo("verified: 30 events, per-thread order OK");
        assertThat(result.otherLines()).isEqualTo(1);
    }

    @Test
    void findsTheMissingEventInAFile() throws IOException {
        var lines = LogFileCheckTest.goodLog();
        lines.remove(LogFileCheckTest.line("concurrency", 2, 4, "a1b2c3"));

        LogFileCheck.Result result = check().verify(write(lines, new byte[0]));

        assertThat(result.ok()).isFalse();
        assertThat(result.describe()).contains("concurrency worker 2 event 4 is missing");
    }
}
