package dev.spool.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code spool demo} end to end, in this JVM, with the real {@code file} destination and small sizes. */
class DemoIT {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int demo(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--dir", dir.toString()));
        args.addAll(List.of(options));
        return SpoolCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(new String[0]));
    }

    private long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    @Test
    void writesEveryEventOnceAndVerifiesTheFile() throws IOException {
        int code = demo("--threads", "4", "--events", "25", "--stress-threads", "3", "--stress-events", "200");

        assertThat(code).as("exit code; stderr:%n%s", err).isEqualTo(SpoolCommand.OK);
        Path file = dir.resolve("high_concurrency/threaded.log");
        assertThat(lines(file)).isEqualTo(4 * 25 + 3 * 200);
        assertThat(out.toString())
                .containsPattern("(?m)^dropped +0$")
                .contains("file              " + file)
                .endsWith("verified: 700 events, per-thread order OK" + System.lineSeparator());
    }

    @Test
    void aSecondRunWritesNewNumberedFilesAndLeavesTheFirstUntouched() throws IOException {
        assertThat(demo("--scenario", "concurrency", "--threads", "2", "--events", "10", "--stress-threads", "0"))
                .isEqualTo(SpoolCommand.OK);
        Path first = dir.resolve("high_concurrency/threaded.log");
        byte[] before = Files.readAllBytes(first);

        assertThat(demo("--scenario", "concurrency", "--threads", "3", "--events", "10", "--stress-threads", "0"))
                .as("second run; stderr:%n%s", err).isEqualTo(SpoolCommand.OK);

        assertThat(Files.readAllBytes(first)).isEqualTo(before);
        assertThat(lines(dir.resolve("high_concurrency/threaded-2.log"))).isEqualTo(30);
        assertThat(out.toString()).contains("verified: 20 events", "verified: 30 events")
                .contains("exists already; this run writes")
                .contains(dir.resolve("high_concurrency/threaded-2.log").toString())
                .contains("never overwrites");
    }

    @Test
    void neverTouchesAnExistingDatabaseOrAnyFileInTheWay() throws IOException {
        Files.createDirectories(dir.resolve("high_concurrency"));
        Path db = Files.writeString(dir.resolve("spool.db"), "not the demo's");
        Path wal = Files.writeString(dir.resolve("spool-2.db-wal"), "someone else's");

        int code = demo("--scenario", "all", "--sqlite-threads", "1", "--sqlite-seconds", "1", "--sqlite-rate", "50",
                "--threads", "1", "--events", "5", "--stress-threads", "0");

        assertThat(code).as("stderr:%n%s", err).isEqualTo(SpoolCommand.OK);
        assertThat(Files.readString(db)).isEqualTo("not the demo's");
        assertThat(Files.readString(wal)).isEqualTo("someone else's");
        assertThat(dir.resolve("spool-3.db")).exists();
        assertThat(lines(dir.resolve("high_concurrency/threaded-3.log"))).isEqualTo(5);
        assertThat(dir.resolve("high_concurrency/threaded.log")).doesNotExist();
    }
}
