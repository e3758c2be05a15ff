package dev.spool.cli.web;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code spool serve} as a user runs it: a real process, its exit codes and its messages. */
class ServeCommandIT {

    /** How long {@code spool serve} may take to say where it serves: a JVM start on a busy machine. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("Spool web view on (http://\\S+/) \\(store (\\S+), read-only\\)");

    @TempDir
    Path dir;

    private static void log(String destination, Map<String, String> options, String message) {
        Spool.configure(SpoolConfig.builder().name("serve-it").jmx(false).shutdownHook(false)
                .destination("db", destination, options).route("root", "", Level.DEBUG, "db").build());
        Spool.logger("app.serve").atError().kv("user_id", 7).log(message);
        Spool.shutdown(); // commits everything
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    /** Starts {@code spool serve} with {@code args}, waits for its address, checks one API call, stops it with SIGTERM. */
    private static void serveAndQuery(List<String> args, String expectedStore, String expectedMessage) throws Exception {
        ChildJvm serve = ChildJvm.builder(SpoolCommand.class).name("spool serve").args("serve", "--port", "0")
                .args(args.toArray(String[]::new)).start();
        try {
            // A JVM may warn first (JDK 24+ about sqlite-jdbc's native library when not run from the jar).
            StringBuilder before = new StringBuilder();
            Matcher m = null;
            for (String line = serve.readLine(STARTUP); line != null; line = serve.readLine(STARTUP)) {
                m = SERVING.matcher(line);
                if (m.find()) {
                    break;
                }
                before.append(line).append('\n');
                m = null;
            }
            assertThat(m).as("a line saying where it serves; before it:%n%s", before).isNotNull();
            assertThat(m.group(2)).isEqualTo(expectedStore);
            URI uri = URI.create(m.group(1));
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");

            Http.Response r = Http.get(uri, "/api/logs?min_level=ERROR");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"message\":\"" + expectedMessage + "\"").contains("\"user_id\":7");

            serve.destroy(); // SIGTERM: the hook closes the server and the store
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isEqualTo(143);
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void servesASqliteFileUntilSigterm() throws Exception {
        Path db = dir.resolve("spool.db");
        log("sqlite", Map.of("path", db.toString(), "batchTime", "20ms"), "served from SQLite");

        serveAndQuery(List.of("--db", db.toString()), "sqlite:" + db, "served from SQLite");
    }

    @Test
    void servesAPostgresDatabaseWithoutShowingItsPassword(@TestDatabase String url) throws Exception {
        log("postgres", Map.of("url", url, "batchTime", "20ms"), "served from PostgreSQL");
        await().atMost(Duration.ofSeconds(10)).until(() -> PostgresServer.number(url, "SELECT count(*) FROM logs") == 1);
        // Trust authentication ignores the password: it is here to be masked.
        String withPassword = url + (url.contains("?") ? "&" : "?") + "password=hunter2";

        serveAndQuery(List.of("--store", withPassword), withPassword.replace("hunter2", "***"), "served from PostgreSQL");
    }

    @Test
    void aPortInUseIsAFailureSayingSo() throws Exception {
        Path db = dir.resolve("spool.db");
        log("sqlite", Map.of("path", db.toString()), "x");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = run(new StringWriter(), err, "serve", "--db", db.toString(), "--port", Integer.toString(taken.getLocalPort()));

            assertThat(code).isEqualTo(SpoolCommand.FAILED);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aMissingOrBrokenStoreIsAFailureSayingWhy() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "serve", "--db", dir.resolve("none.db").toString(), "--port", "0"))
                .isEqualTo(SpoolCommand.FAILED);
        assertThat(err.toString()).contains("none.db");

        Path notADatabase = Files.writeString(dir.resolve("text.db"), "this is not a database, just text ".repeat(200));
        err = new StringWriter();
        assertThat(run(new StringWriter(), err, "serve", "--db", notADatabase.toString(), "--port", "0"))
                .isEqualTo(SpoolCommand.FAILED);
        assertThat(err.toString()).contains("text.db");
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "serve", "--port", "70000")).isEqualTo(SpoolCommand.USAGE);
        assertThat(err.toString()).contains("--port").contains("70000");

        err = new StringWriter();
        assertThat(run(new StringWriter(), err, "serve", "--bind", "no.such.host.invalid")).isEqualTo(SpoolCommand.USAGE);
        assertThat(err.toString()).contains("--bind").contains("no.such.host.invalid");

        err = new StringWriter();
        assertThat(run(new StringWriter(), err, "serve", "--store", "mysql://x")).isEqualTo(SpoolCommand.USAGE);
        assertThat(err.toString()).contains("--store").contains("postgresql://");
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "serve", "--help")).isZero();
        assertThat(out.toString()).contains("Examples:").contains("Exit codes:").contains("--bind").contains("authentication");
    }
}
