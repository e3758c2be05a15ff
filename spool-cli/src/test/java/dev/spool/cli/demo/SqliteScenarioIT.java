package dev.spool.cli.demo;

import dev.spool.cli.SpoolCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's sqlite scenario end to end, in this JVM, with a short run. */
class SqliteScenarioIT {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int demo(String... options) {
        List<String> args = new ArrayList<>(List.of("demo", "--dir", dir.toString()));
        args.addAll(List.of(options));
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(new String[0]));
    }

    @Test
    void storesWhatTheThreadsLoggedAndSummarisesItFromTheDatabase() {
        int code = demo("--scenario", "sqlite", "--sqlite-threads", "3", "--sqlite-seconds", "1", "--sqlite-rate", "200");

        assertThat(code).as("stderr:%n%s", err).isEqualTo(SpoolCommand.OK);
        String text = out.toString();
        assertThat(text).containsPattern("(?m)^total logs +[0-9,]+$").containsPattern("(?m)^total metrics +[0-9,]+$")
                .containsPattern("(?m)^logs/s +[0-9,]+$").containsPattern("(?m)^  INFO +[0-9,]+ +[0-9.]+%$")
                .containsPattern("(?m)^verified: ([0-9,]+) logs and \\1 metrics stored, as logged$")
                .contains("./spool query --db " + dir.resolve("spool.db") + " -l ERROR -s 1h");
        assertThat(dir.resolve("spool.db")).exists();
        assertThat(dir.resolve("high_concurrency/threaded.log")).doesNotExist();
    }

    @Test
    void theConcurrencyScenarioAloneLeavesNoDatabase() {
        assertThat(demo("--scenario", "concurrency", "--threads", "2", "--events", "5", "--stress-threads", "0"))
                .isEqualTo(SpoolCommand.OK);
        assertThat(Files.exists(dir.resolve("spool.db"))).isFalse();
        assertThat(demo("--scenario", "everything")).isEqualTo(SpoolCommand.USAGE);
        assertThat(err.toString()).contains("expected all, sqlite or concurrency");
    }
}
