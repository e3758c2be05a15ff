package dev.spool.cli.web;

import dev.spool.cli.SpoolCommand;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogQuery;
import dev.spool.store.StoreWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.spool.cli.web.AuditFixture.CLOSED;
import static dev.spool.cli.web.AuditFixture.DELETED;
import static dev.spool.cli.web.AuditFixture.RUNNING;
import static dev.spool.cli.web.AuditFixture.VANISHED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/audit} (docs/web.md) over a real SQLite store holding ledgers and events of three producer
 * instances ({@link AuditFixture}), before and after rows are deleted: the same report as {@code spool
 * audit --json}, with the exact missing count and the command's exit code.
 */
class AuditApiIT {

    @TempDir
    Path dir;

    private SqliteStore store;
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private Path serve() throws IOException {
        Path db = dir.resolve("spool.db");
        try (StoreWriter writer = SqliteStore.writer(db)) {
            AuditFixture.write(writer, LogQuery.micros(Instant.now()));
        }
        store = SqliteStore.open(db);
        server = WebServer.start(store, "sqlite:" + db, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return db;
    }

    private static int execute(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private Http.Response get(String target) throws IOException {
        return Http.get(server.uri(), target);
    }

    @Test
    void deletedRowsAreReportedExactlyAsSpoolAuditReportsThem() throws Exception {
        Path db = serve();
        String[] cli = {"--db", db.toString()};

        Map<String, Object> before = sameAsTheCommand(server.uri(), cli, 0);
        assertThat(before).containsEntry("missing", 0L).containsEntry("instances_missing", 0L).containsEntry("instances", 3L);

        assertThat(execute(db, AuditFixture.deleteGap())).isEqualTo(DELETED);
        Map<String, Object> after = sameAsTheCommand(server.uri(), cli, 1);
        assertThat(after).containsEntry("missing", (long) DELETED).containsEntry("instances_missing", 1L)
                .containsEntry("instances", 3L);
        assertThat(entry(after, VANISHED)).containsEntry("service", AuditFixture.HOSTILE_SERVICE)
                .containsEntry("host", AuditFixture.HOSTILE_HOST).containsEntry("sent", 40L)
                .containsEntry("stored", 40L - DELETED).containsEntry("missing", (long) DELETED).containsEntry("failed", 2L)
                .containsEntry("state", "silent");
        assertThat(entry(after, CLOSED)).containsEntry("sent", 60L).containsEntry("stored", 60L).containsEntry("missing", 0L)
                .containsEntry("dropped", Map.of("queue_full", 3L)).containsEntry("state", "closed");
        assertThat(entry(after, RUNNING)).containsEntry("sent", 25L).containsEntry("stored", 30L).containsEntry("missing", 0L)
                .containsEntry("in_flight", 5L).containsEntry("state", "running");
    }

    /**
     * Asks {@code /api/audit} and {@code spool audit --json} the same question over the same store: every
     * entry of the answer is a line the command printed, character for character, and the answer's exit
     * code is the command's. Returns the answer.
     */
    static Map<String, Object> sameAsTheCommand(URI server, String[] store, int exitCode) throws IOException {
        Http.Response r = Http.get(server, "/api/audit?since=24h&silent_after=1m");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("audit", "--since", "24h", "--silent-after", "1m", "--json"));
        args.addAll(List.of(store));
        int code = SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        assertThat(code).as(out + "\n" + err).isEqualTo(exitCode);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        String entries = "\"entries\":[" + String.join(",", lines) + "]";
        assertThat(r.body()).contains(entries);
        Map<String, Object> answer = r.typedJson();
        assertThat(answer).containsEntry("exit_code", (long) exitCode).containsEntry("silent_after_seconds", 60L);
        return answer;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(Map<String, Object> answer, AuditFixture.Instance instance) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) answer.get("entries");
        return entries.stream().filter(e -> e.get("instance").equals(instance.nodeText())).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + instance.nodeText() + " in " + entries));
    }

    @Test
    void theWindowAndTheSilenceLimitAreThoseOfTheCommand() throws Exception {
        serve();
        // the vanished instance's only ledger is two hours old
        assertThat(ok("/api/audit?since=1h").get("instances")).isEqualTo(2L);
        assertThat(ok("/api/audit?since=all").get("instances")).isEqualTo(3L);
        assertThat(ok("/api/audit?since=all")).containsEntry("since", null).containsEntry("since_micros", null);
        assertThat(ok("/api/audit?since=2999-01-01T00:00:00Z")).containsEntry("entries", List.of())
                .containsEntry("instances", 0L).containsEntry("exit_code", 0L);
        assertThat(entry(ok("/api/audit"), VANISHED)).containsEntry("state", "silent");
        assertThat(entry(ok("/api/audit?silent_after=3h"), VANISHED)).containsEntry("state", "running");
        assertThat(entry(ok("/api/audit?silent_after=3h"), CLOSED)).containsEntry("state", "closed");
    }

    private Map<String, Object> ok(String target) throws IOException {
        Http.Response r = get(target);
        assertThat(r.status()).as("%s answered %s", target, r.body()).isEqualTo(200);
        return r.typedJson();
    }

    private void refused(String target, String... words) throws IOException {
        Http.Response r = get(target);
        assertThat(r.status()).as("%s answered %s", target, r.body()).isEqualTo(400);
        assertThat((String) r.json().get("error")).as(target).contains(words);
    }

    @Test
    void badParametersAre400sNamingTheParameter() throws Exception {
        serve();
        refused("/api/audit?since=yesterday", "parameter 'since'", "yesterday", "a duration before now");
        refused("/api/audit?since=999999999d", "parameter 'since'");
        refused("/api/audit?silent_after=0s", "parameter 'silent_after'", "at least 1ms");
        refused("/api/audit?silent_after=soon", "parameter 'silent_after'", "soon");
        refused("/api/audit?silent_after=-5s", "parameter 'silent_after'");
        refused("/api/audit?silent_after=999999999d", "parameter 'silent_after'");
        refused("/api/audit?silent-after=1m", "unknown parameter 'silent-after'", "silent_after");
        refused("/api/audit?since=1h&since=2h", "'since' given more than once");
        refused("/api/audit?level=ERROR", "unknown parameter 'level'");
    }
}
