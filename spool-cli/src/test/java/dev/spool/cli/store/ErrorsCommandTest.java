package dev.spool.cli.store;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.cli.SpoolCommand;
import dev.spool.store.LogStores;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command example of docs/EXTENDING.md, run as a user would against a real SQLite store. */
class ErrorsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spool(String... args) {
        return SpoolCommand.commandLine().addSubcommand(new ErrorsCommand())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void countsErrorsPerLoggerMostFirst() {
        Path db = dir.resolve("spool.db");
        long now = System.currentTimeMillis();
        try (StoreWriter writer = LogStores.openWriter("sqlite:" + db)) {
            writer.write(List.of(
                    TestEvent.event().id(EventId.high(now), 1).timestampMicros(now * 1000).level(Level.ERROR).logger("app.db"),
                    TestEvent.event().id(EventId.high(now), 2).timestampMicros(now * 1000).level(Level.FATAL).logger("app.db"),
                    TestEvent.event().id(EventId.high(now), 3).timestampMicros(now * 1000).level(Level.ERROR).logger("app.web"),
                    TestEvent.event().id(EventId.high(now), 4).timestampMicros(now * 1000).level(Level.WARN).logger("app.web")));
        }

        assertThat(spool("errors", "--db", db.toString(), "--since", "1h")).isEqualTo(SpoolCommand.OK);
        assertThat(out.toString().lines().map(String::strip)).containsExactly("2  app.db", "1  app.web");
    }

    @Test
    void aBadSinceIsAUsageErrorNamingTheOption() {
        assertThat(spool("errors", "--db", dir.resolve("x.db").toString(), "--since", "yesterday"))
                .isEqualTo(SpoolCommand.USAGE);
        assertThat(err.toString()).contains("--since").contains("yesterday");
    }
}
