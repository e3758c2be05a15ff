package dev.spool.cli;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine line, String... args) {
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private int run(String... args) {
        return run(SpoolCommand.commandLine(), args);
    }

    /** A command that fails the way a job fails: by throwing. */
    @Command(name = "explode")
    static final class Exploding implements Callable<Integer> {
        private final RuntimeException failure;

        Exploding(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private CommandLine withExploding(RuntimeException failure) {
        return SpoolCommand.commandLine().addSubcommand("explode", new Exploding(failure));
    }

    @Nested
    class Help {
        @Test
        void noArgumentsPrintsTheHelpAndSucceeds() {
            assertThat(run()).isZero();
            assertThat(out.toString()).startsWith("Usage: spool ").contains("Commands:", "demo", "./spool demo");
            assertThat(err.toString()).isEmpty();
        }

        @Test
        void fitsTheWidthItIsGiven() {
            assertThat(run(SpoolCommand.commandLine().setUsageHelpWidth(60), "query", "--help")).isZero();
            assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(60));
        }

        @Test
        void examplesAndNotesFitAnEightyColumnTerminalUnwrapped() {
            SpoolCommand.commandLine().getSubcommands().forEach((name, sub) -> {
                for (String line : sub.getCommandSpec().usageMessage().footer()) {
                    assertThat(String.format(line).length()).as("spool %s footer: %s", name, line).isLessThanOrEqualTo(80);
                }
            });
        }

        @Test
        void takesTheWidthFromColumnsWhenUsable() {
            assertThat(SpoolCommand.columns("132")).isEqualTo(132);
            assertThat(SpoolCommand.columns(" 90 ")).isEqualTo(90);
            assertThat(SpoolCommand.columns("20")).as("below picocli's minimum").isNull();
            assertThat(SpoolCommand.columns("wide")).isNull();
            assertThat(SpoolCommand.columns(null)).isNull();
        }

        @Test
        void signalExitCodesAreTheOnesTheJvmExitsWith() {
            for (String command : new String[] {"collect", "consume", "serve", "tail"}) {
                StringWriter help = new StringWriter();
                CommandLine line = SpoolCommand.commandLine().setUsageHelpWidth(200);
                line.setOut(new PrintWriter(help, true));
                assertThat(line.execute(command, "--help")).isZero();
                assertThat(help.toString()).as(command).contains("143").doesNotContainPattern("(?m)^\\s*0\\s+stopped");
            }
        }

        @Test
        void listsEveryCommandOnOneLineWithItsDescription() {
            assertThat(run(SpoolCommand.commandLine().setUsageHelpWidth(120), "--help")).isZero();
            assertThat(out.toString())
                    .containsPattern("(?m)^  demo +Log from many threads, then read it all back and check it\\.$")
                    .containsPattern("(?m)^  collect +Receive events from other processes and write them through a pipeline, until stopped\\.$")
                    .containsPattern("(?m)^  consume +Ingest events from a RabbitMQ queue into PostgreSQL or SQLite, until stopped\\.$")
                    .containsPattern("(?m)^  status +Show a running collector's counters, or a running consumer's health\\.$")
                    .containsPattern("(?m)^  help +\\S.*$");
            assertThat(err.toString()).isEmpty();
        }

        @Test
        void documentsTheExitCodes() {
            run("--help");
            assertThat(out.toString())
                    .contains("Exit codes:")
                    .containsPattern("(?m)^  0 +success$")
                    .containsPattern("(?m)^  1 +the command failed")
                    .containsPattern("(?m)^  2 +usage error");
        }

        @Test
        void printsTheVersionMavenFilteredIn() {
            assertThat(run("--version")).isZero();
            assertThat(out.toString()).containsPattern("^spool \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R")
                    .contains("Java " + System.getProperty("java.version"));
        }

        @Test
        void showsACommandsOptions() {
            assertThat(run("help", "demo")).isZero();
            assertThat(out.toString()).contains("--threads=N", "--events=N", "--stress-threads=N",
                    "--stress-events=N", "--dir=DIR", "Exit codes:");
        }
    }

    @Nested
    class UsageErrors {
        @ParameterizedTest(name = "spool {0}")
        @CsvSource(delimiter = '|', value = {
            "frobnicate                                           | spool: unknown command 'frobnicate'",
            "demo --thread 3                                      | spool demo: unknown option '--thread'; did you mean --threads?",
            "demo --threads abc                                   | spool demo: bad value 'abc' for --threads: expected a whole number",
            "demo --dir                                           | spool demo: --dir needs a value: DIR (a file path)",
            "query --field abc                                    | spool query: bad value 'abc' for --field: expected KEY=VALUE, such as user_id=42",
            "query -n many                                        | spool query: bad value 'many' for --limit: expected a whole number",
            "query --since yesterday                              | spool query: bad value 'yesterday' for --since: expected all, a duration before now",
            "tail -u 2026-13-45                                   | spool tail: bad value '2026-13-45' for --until: expected all,",
            "query -l LOUD                                        | spool query: bad value 'LOUD' for --min-level: expected TRACE, DEBUG, INFO, WARN, ERROR or FATAL",
            "metrics --name x --since soon                        | spool metrics: bad value 'soon' for --since: expected all,",
            "serve --port http                                    | spool serve: bad value 'http' for --port: expected a whole number",
            "demo --threads 0                                     | spool demo: bad value 0 for --threads: expected 1 to 1000",
            "demo --stress-events -1                              | spool demo: bad value -1 for --stress-events",
            "demo --stress-threads 1000 --stress-events 200000    | spool demo: the stress phase would log 200000000 events",
            "demo leftover                                        | spool demo: unexpected argument 'leftover'",
        })
        void exitWith2AndOneLineOnStderr(String args, String message) {
            String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");

            assertThat(run(argv)).isEqualTo(SpoolCommand.USAGE);

            assertThat(err.toString()).startsWith(message).endsWith("--help')" + System.lineSeparator());
            assertThat(err.toString().lines()).hasSize(1);
            assertThat(out.toString()).isEmpty();
        }

        @Test
        void aBadCollectorSettingIsAUsageErrorNamingTheValue(@TempDir Path dir) throws IOException {
            Path config = Files.writeString(dir.resolve("spool.properties"),
                    "destination.out.type = console\nroute.root.destinations = out\n");

            int code = run("collect", "--config", config.toString(), "--listen", "gopher://x");

            assertThat(code).isEqualTo(SpoolCommand.USAGE);
            assertThat(err.toString()).startsWith("spool collect: ").contains("gopher://x")
                    .doesNotContain("cannot both be null");
            assertThat(err.toString().lines()).hasSize(1);
        }
    }

    @Nested
    class Failures {
        @Test
        void exitWith1AndOneLineWithoutStackTrace() {
            int code = run(withExploding(new IllegalStateException("disk full")), "explode");

            assertThat(code).isEqualTo(SpoolCommand.FAILED);
            assertThat(err.toString()).isEqualTo("spool explode: disk full (--verbose prints the stack trace)"
                    + System.lineSeparator());
        }

        @Test
        void nameTheTypeOfAnIoErrorWhoseMessageIsOnlyAPath() {
            run(withExploding(new UncheckedIOException(new AccessDeniedException("/var/log/x"))), "explode");

            assertThat(err.toString()).startsWith("spool explode: AccessDeniedException: /var/log/x (");
        }

        @ParameterizedTest
        @CsvSource({"--verbose, explode", "explode, --verbose"})
        void printTheStackTraceWithVerboseBeforeOrAfterTheCommand(String first, String second) {
            int code = run(withExploding(new IllegalStateException("disk full")), first, second);

            assertThat(code).isEqualTo(SpoolCommand.FAILED);
            assertThat(err.toString())
                    .startsWith("java.lang.IllegalStateException: disk full")
                    .containsPattern("\\R\\tat dev\\.spool\\.cli\\.SpoolCommandTest")
                    .endsWith("spool explode: disk full" + System.lineSeparator());
        }
    }
}
