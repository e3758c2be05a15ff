package dev.spool.cli.store;

import dev.spool.Context;
import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.SpoolCommand;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.spi.support.JsonReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spool query --json} and {@code spool tail --json} against events an application logged to a
 * {@code json} file and a SQLite database at once: the commands print the file's lines, byte for byte
 * (same schema, typed field values, the exception as an object with the same frame text), and those
 * lines, sent to a real collector, are written again as the same events.
 */
class JsonOutputIT {

    @TempDir
    Path dir;

    private Path db;
    private List<String> fileLines;

    @BeforeEach
    void logToAFileAndADatabase() throws Exception {
        db = dir.resolve("spool.db");
        Path file = dir.resolve("app.json");
        Spool.configure(SpoolConfig.builder().name("json-it").jmx(false).shutdownHook(false)
                .destination("db", "sqlite", Map.of("path", db.toString()))
                .destination("file", "file", Map.of("path", file.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "db", "file").build());
        IllegalStateException failure = new IllegalStateException("no answer\nin 5 s", new java.io.IOException("reset"));
        failure.addSuppressed(new RuntimeException("while closing"));
        Spool.logger("app.http").atError().kv("user_id", 42).kv("ratio", 0.75).kv("admin", true).kv("code", "042")
                .exception(failure).log("request failed");
        try (var scope = Context.scoped(Context.CORRELATION_ID, "req-7")) {
            Spool.logger("app.db").atWarn().kv("big", Long.MAX_VALUE).kv("e15", 1.0e15).kv("nan", Double.NaN)
                    .kv("quote", "\"a\"\tb\nc").log("pool {}% full", 80);
        }
        Spool.logger("app").info("plain");
        Spool.shutdown(); // writes and commits everything
        List<String> all = Files.readAllLines(file);
        assertThat(all).filteredOn(JsonOutputIT::isLedger).singleElement().asString()
                .as("a JSON file carries the pipeline's final ledger (docs/audit.md)").contains("\"final\":true");
        fileLines = events(file);
        assertThat(fileLines).hasSize(3);
    }

    private List<String> run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of(args));
        line.add(1, "--db");
        line.add(2, db.toString());
        int code = SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(line.toArray(new String[0]));
        assertThat(code).as(err.toString()).isZero();
        return out.toString().lines().toList();
    }

    @Test
    void queryAndTailPrintWhatTheJsonFileHolds() {
        assertThat(run("query", "--json", "--oldest-first")).containsExactlyElementsOf(fileLines);
        assertThat(run("tail", "--json")).containsExactlyElementsOf(fileLines);

        Map<String, Object> failed = JsonReader.readObject(fileLines.get(0).getBytes(StandardCharsets.UTF_8), 0,
                fileLines.get(0).getBytes(StandardCharsets.UTF_8).length);
        assertThat(failed).containsEntry("v", 1L).containsEntry("fields",
                Map.of("user_id", 42L, "ratio", 0.75, "admin", true, "code", "042"));
        assertThat(failed.get("exception")).asString().contains("class=java.lang.IllegalStateException",
                "message=no answer\nin 5 s", "suppressed=[{class=java.lang.RuntimeException");
    }

    @Test
    void queryOutputReplayedIntoACollectorIsWrittenAsTheSameEvents() throws Exception {
        List<String> query = run("query", "--json", "--oldest-first");
        Path replayed = dir.resolve("replayed.json");
        Path socket = dir.resolve("c.sock");
        SpoolConfig pipeline = SpoolConfig.builder().name("replay").jmx(false).shutdownHook(false)
                .destination("file", "file", Map.of("path", replayed.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "file").build();
        try (Collector collector = Collector.start(CollectorConfig.builder(pipeline).listen("unix:" + socket).build())) {
            List<String> answers = send(socket, query);
            assertThat(answers.get(0)).contains("\"ok\":true");
            assertThat(answers).noneMatch(a -> a.contains("error")).last().asString().contains("\"ack\":3");
        } // close drains the collector's pipeline

        assertThat(events(replayed)).containsExactlyElementsOf(fileLines);
    }

    private static boolean isLedger(String line) {
        return line.contains("\"kind\":\"ledger\"");
    }

    /** The event lines of a JSON file, without its ledgers: queries never show ledgers. */
    private static List<String> events(Path file) throws java.io.IOException {
        return Files.readAllLines(file).stream().filter(l -> !isLedger(l)).toList();
    }

    /** The handshake and {@code lines} over the unix socket; its sending side closed, every answer line. */
    private static List<String> send(Path socket, List<String> lines) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(channel).write(("{\"spool\":1}\n" + String.join("\n", lines) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            channel.shutdownOutput();
            return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))
                    .lines().toList();
        }
    }
}
