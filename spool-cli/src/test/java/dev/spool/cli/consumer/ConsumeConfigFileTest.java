package dev.spool.cli.consumer;

import dev.spool.cli.SpoolCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spool consume --config FILE}: every option as a key (Loghive's config.env habit), {@code ${env:…}}
 * expanded, the command line winning over the file. Each case ends before a broker is needed: at a bad
 * value (exit 2) or at a store that cannot be opened (exit 1), which shows whose value was used.
 */
class ConsumeConfigFileTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int consume(String config, String... args) throws Exception {
        Path file = dir.resolve("consumer.properties");
        Files.writeString(file, config);
        String[] all = new String[args.length + 3];
        all[0] = "consume";
        all[1] = "--config";
        all[2] = file.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(all);
    }

    /** A store URL no SQLite can open: a directory. */
    private String unopenable() throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("a-directory.db"));
        return "sqlite:" + notAFile;
    }

    @Test
    void theFilesValuesAreUsed() throws Exception {
        assertThat(consume("store = " + unopenable() + "\nworkers = 0\n")).isEqualTo(2);
        assertThat(err.toString()).contains("bad value 0 for --workers");
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        int code = consume("store = " + unopenable() + "\nworkers = 0\n", "--workers", "2");
        assertThat(err.toString()).doesNotContain("--workers").contains("cannot open the store").contains("a-directory.db");
        assertThat(code).isEqualTo(1);
    }

    @Test
    void environmentVariablesAreExpandedWithTheirDefaults() throws Exception {
        String store = unopenable();
        assertThat(consume("store = ${env:SPOOL_TEST_SURELY_UNSET:-" + store + "}\nno-declare = true\naccept = loghive\n"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cannot open the store").contains("a-directory.db");
    }

    @Test
    void anUnknownKeyOrABadFlagValueIsNamedWithWhatIsAccepted() throws Exception {
        assertThat(consume("stroe = sqlite:x.db\n")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'stroe'").contains("store").contains("no-declare");
        StringWriter before = new StringWriter();
        before.write(err.toString());
        assertThat(consume("store = sqlite:x.db\nno-declare = yes\n")).isEqualTo(2);
        assertThat(err.toString().substring(before.toString().length()))
                .contains("bad value 'yes' for no-declare").contains("expected true or false");
    }

    @Test
    void theRetryDelayIsCheckedAndNamed() throws Exception {
        assertThat(consume("store = sqlite:x.db\nretry-delay = soon\n")).isEqualTo(2);
        assertThat(err.toString()).contains("bad value 'soon' for --retry-delay");
        StringWriter before = new StringWriter();
        before.write(err.toString());
        assertThat(consume("store = sqlite:x.db\n", "--retry-delay", "2h")).isEqualTo(2);
        assertThat(err.toString().substring(before.toString().length())).contains("for --retry-delay");
    }
}
