package dev.spool.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example in the store commands' {@code --help}, and every command the demo suggests, works as
 * written on the database {@code spool demo} writes: each runs (those that run until stopped, {@code -f}
 * and {@code serve}, are parsed), exits 0 and prints events or says why there are none.
 */
class HelpExamplesIT {

    @TempDir
    static Path dir;

    private static Path db;
    private static String demoOutput;

    @BeforeAll
    static void runTheDemo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "demo", "--dir", dir.resolve("logs").toString(), "--scenario", "sqlite",
                "--sqlite-threads", "4", "--sqlite-seconds", "1", "--sqlite-rate", "300");
        assertThat(code).as("demo; stderr: %s", err).isZero();
        db = dir.resolve("logs/spool.db");
        demoOutput = out.toString();
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setUsageHelpWidth(200).execute(args);
    }

    /** The example lines of {@code command --help}: indented, starting with {@code spool}. */
    private static List<String> helpExamples(String command) {
        StringWriter help = new StringWriter();
        assertThat(run(help, new StringWriter(), command, "--help")).isZero();
        return examples(help.toString(), "spool ");
    }

    private static List<String> examples(String text, String prefix) {
        List<String> found = new ArrayList<>();
        text.lines().map(String::strip).filter(l -> l.startsWith(prefix)).forEach(l -> {
            String commandPart = l.split("\\s{2,}")[0]; // after two spaces comes the explanation
            found.add(commandPart.substring(prefix.length()));
        });
        return found;
    }

    /** The example's arguments, reading the demo's database wherever the example names or implies the default. */
    private static String[] arguments(String example) {
        List<String> args = new ArrayList<>(Arrays.asList(example.trim().split("\\s+")));
        int at = args.indexOf("--db");
        if (at >= 0) {
            assertThat(Path.of(args.get(at + 1)).getFileName().toString()).as(example).isEqualTo("spool.db");
            args.set(at + 1, db.toString());
        } else if (!args.contains("--store")) {
            args.add("--db");
            args.add(db.toString());
        }
        return args.toArray(new String[0]);
    }

    private static void check(String example) {
        String[] args = arguments(example);
        if (args[0].equals("serve") || Arrays.asList(args).contains("-f")) {
            CommandLine.ParseResult parsed = SpoolCommand.commandLine().parseArgs(args);
            assertThat(parsed.subcommand()).as(example).isNotNull();
            return;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, args)).as("spool %s%nstderr: %s", example, err).isZero();
        if (out.toString().isBlank()) {
            assertThat(err.toString()).as("spool %s printed nothing; stderr says why", example)
                    .containsAnyOf("no events match", "no samples");
        }
    }

    @Test
    void everyStoreCommandExampleWorksOnTheDemoDatabase() {
        List<String> checked = new ArrayList<>();
        for (String command : new String[] {"query", "tail", "stats", "metrics", "audit", "serve"}) {
            for (String example : helpExamples(command)) {
                check(example);
                checked.add(example);
            }
        }
        assertThat(checked).as("examples found").hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyCommandTheDemoSuggestsWorksOnItsDatabase() {
        List<String> suggested = examples(demoOutput, "./spool ");
        assertThat(suggested).hasSizeGreaterThanOrEqualTo(5);
        suggested.forEach(HelpExamplesIT::check);
    }
}
