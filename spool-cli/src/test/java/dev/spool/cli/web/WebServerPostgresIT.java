package dev.spool.cli.web;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.postgres.PostgresStore;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.ScratchDatabase;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web view over the real PostgreSQL, through what a long-running view meets: its connection cut
 * (as by a server restart), and the database refusing connections for a while.
 */
class WebServerPostgresIT {

    @TestDatabase
    private ScratchDatabase database;
    private String url;
    private String name;
    private WebServer server;

    @BeforeEach
    void writeAndServe() throws Exception {
        url = database.url();
        name = database.name();
        Spool.configure(SpoolConfig.builder().name("web-pg-it").jmx(false).shutdownHook(false)
                .destination("db", "postgres", Map.of("url", url, "batchTime", "20ms"))
                .route("root", "", Level.DEBUG, "db").build());
        Spool.logger("app.db").info("first");
        Spool.logger("app.http").atError().kv("user_id", 42).log("second");
        Spool.shutdown(); // commits everything
        await().atMost(Duration.ofSeconds(10)).until(() -> PostgresServer.number(url, "SELECT count(*) FROM logs") == 2);
        server = WebServer.start(() -> PostgresStore.open(url), url, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Cuts every connection to the test database, as a server restart does; returns how many. */
    private long cutConnections() throws SQLException {
        return PostgresServer.number(PostgresServer.ADMIN_URL.substring("jdbc:".length()),
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    private List<Object> errorMessages() throws IOException {
        Http.Response r = Http.get(server.uri(), "/api/logs?min_level=ERROR");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return WebServerIT.records(r.json()).stream().map(m -> m.get("message")).toList();
    }

    @Test
    void aCutConnectionIsReopenedWithinTheSameRequest() throws Exception {
        assertThat(errorMessages()).containsExactly("second");

        assertThat(cutConnections()).as("connections cut").isPositive();

        assertThat(errorMessages()).containsExactly("second");
    }

    @Test
    void aDatabaseRefusingConnectionsIs503UntilItTakesThemAgain() throws Exception {
        assertThat(errorMessages()).containsExactly("second");
        PostgresServer.admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        assertThat(cutConnections()).as("connections cut").isPositive();

        Http.Response refused = Http.get(server.uri(), "/api/logs");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat((String) refused.json().get("error")).startsWith("the store cannot be read: ").contains(name);
        Http.Response health = Http.get(server.uri(), "/api/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json()).containsEntry("status", "unavailable");

        PostgresServer.admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        assertThat(errorMessages()).containsExactly("second");
        assertThat(Http.get(server.uri(), "/api/health").json()).containsEntry("status", "ok").containsEntry("store", url);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHistogramAndSurroundingEventsReadPostgresqlAsTheyReadSqlite() throws Exception {
        Http.Response h = Http.get(server.uri(), "/api/histogram?since=1h&buckets=60&top=5");
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        Map<String, Object> body = h.json();
        assertThat(body).containsEntry("total", 2.0).containsEntry("bucket_seconds", 60.0);
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) body.get("buckets");
        assertThat(buckets).hasSizeBetween(60, 61);
        assertThat(buckets.stream().mapToDouble(b -> (Double) b.get("count")).sum()).isEqualTo(2.0);
        assertThat(Http.get(server.uri(), "/api/histogram?buckets=0").status()).isEqualTo(400);

        List<Map<String, Object>> oldest = WebServerIT.records(Http.get(server.uri(), "/api/logs?order=oldest").json());
        Map<String, Object> first = oldest.get(0);
        Http.Response around = Http.get(server.uri(), "/api/logs/around?time=" + first.get("ts") + "&id=" + first.get("id"));
        assertThat(around.status()).as(around.body()).isEqualTo(200);
        assertThat(((Map<String, Object>) around.json().get("event")).get("message")).isEqualTo("first");
        assertThat((List<Map<String, Object>>) around.json().get("after")).extracting(r -> r.get("message")).containsExactly("second");
        assertThat(Http.get(server.uri(), "/api/logs/around").status()).isEqualTo(400);
    }
}
