package dev.spool.cli.collector;

import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.jvm.ChildJvm;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spool collect} as a real process, fed over its unix socket; {@code spool status} asks it for its
 * counters; SIGTERM stops it after writing everything it acknowledged.
 */
class CollectCommandIT {

    @TempDir
    Path dir;

    private int status(StringWriter out, StringWriter err, String... args) {
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void collectsUntilStoppedAndReportsItsCounters() throws Exception {
        Path out = dir.resolve("out.log");
        Path socket = dir.resolve("c.sock");
        Path config = dir.resolve("collector.properties");
        Files.writeString(config, "destination.all.type = file\ndestination.all.format = json\n"
                + "destination.all.path = " + out + "\nroute.root.destinations = all\nroute.root.level = TRACE\n");
        ChildJvm collect = ChildJvm.builder(SpoolCommand.class).name("spool collect")
                .args("collect", "--listen", "unix:" + socket, "--config", config.toString(),
                        "--spill-dir", dir.resolve("spill").toString()).start();
        try {
            assertThat(collect.readLine(Duration.ofSeconds(60))).startsWith("spool collect: listening on [unix:" + socket);

            List<String> answers = send(socket, "{\"spool\":1}",
                    "{\"v\":1,\"level\":\"INFO\",\"logger\":\"a\",\"message\":\"one\"}", "not json");
            assertThat(answers.get(0)).contains("\"ok\":true");
            assertThat(answers).anySatisfy(a -> assertThat(a).contains("\"error\":\"malformed\",\"line\":2"));

            StringWriter printed = new StringWriter();
            StringWriter err = new StringWriter();
            assertThat(status(printed, err, "status", "--connect", "unix:" + socket)).as(err.toString()).isZero();
            assertThat(printed.toString()).contains("events in         1").contains("events acked      2")
                    .containsPattern("malformed +1").contains("1 written, 0 held (not yet delivered)")
                    .contains("workers' spill    " + dir.resolve("spill") + ": 0 events adopted, 0 held");

            collect.destroy(); // SIGTERM: the shutdown hook closes the collector and drains its pipeline
            assertThat(collect.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(collect.exitValue()).as("the exit code its help gives").isEqualTo(SpoolCommand.SIGTERM);
            assertThat(events(out)).singleElement().satisfies(l -> assertThat(l).contains("\"message\":\"one\""));
            assertThat(socket).as("socket file removed at stop").doesNotExist();
        } finally {
            collect.destroyForcibly();
        }
    }

    @Test
    void takesOtlpHttpNextToItsOwnProtocol() throws Exception {
        Path out = dir.resolve("out.log");
        Path socket = dir.resolve("c.sock");
        Path config = dir.resolve("collector.properties");
        Files.writeString(config, "destination.all.type = file\ndestination.all.format = json\n"
                + "destination.all.path = " + out + "\nroute.root.destinations = all\nroute.root.level = TRACE\n");
        ChildJvm collect = ChildJvm.builder(SpoolCommand.class).name("spool collect")
                .args("collect", "--listen", "unix:" + socket, "--listen", "otlp+http://127.0.0.1:0",
                        "--config", config.toString()).start();
        try {
            String listening = collect.readLine(Duration.ofSeconds(60));
            java.util.regex.Matcher port = java.util.regex.Pattern.compile("otlp\\+http://127\\.0\\.0\\.1:(\\d+)")
                    .matcher(listening);
            assertThat(port.find()).as(listening).isTrue();
            String request = "{\"resourceLogs\":[{\"scopeLogs\":[{\"scope\":{\"name\":\"py.app\"},"
                    + "\"logRecords\":[{\"severityText\":\"WARNING\",\"body\":{\"stringValue\":\"from otlp\"}}]}]}]}";
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port.group(1) + "/v1/logs"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(events(out)).singleElement().satisfies(l -> assertThat(l)
                    .contains("\"message\":\"from otlp\"").contains("\"level\":\"WARN\"").contains("\"logger\":\"py.app\""));
            collect.destroy();
            assertThat(collect.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            collect.destroyForcibly();
        }
    }

    @Test
    void statusFailsWhenNoCollectorAnswers() {
        StringWriter err = new StringWriter();
        int code = status(new StringWriter(), err, "status", "--connect", "unix:" + dir.resolve("none.sock"));
        assertThat(code).isEqualTo(SpoolCommand.FAILED);
        assertThat(err.toString()).contains("no collector answers at unix:");
    }

    /** Sends lines over the unix socket, closes its sending side and returns every answer line. */
    private static List<String> send(Path socket, String... lines) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(channel).write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            channel.shutdownOutput();
            return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))
                    .lines().toList();
        }
    }

    /** The event lines of the collector's JSON file, without the ledgers it also carries (docs/audit.md). */
    private static List<String> events(Path file) throws java.io.IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.contains("\"kind\":\"ledger\"")).toList();
    }
}
