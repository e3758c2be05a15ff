package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.SpoolCommand;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store commands with {@code --store postgresql://...} against a database the postgres destination wrote. */
class PostgresStoreCommandsIT {

    @TestDatabase
    private static String url;
    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void logSample() throws SQLException {
        Spool.configure(SpoolConfig.builder().name("cli-pg-it").jmx(false).shutdownHook(false)
                .destination("db", "postgres", Map.of("url", url, "batchTime", "20ms"))
                .route("root", "", Level.DEBUG, "db").build());
        Spool.logger("app.db").info("first");
        Spool.logger("app.http").atError().kv("user_id", 42).log("second");
        Spool.logger("app.db.pool").warn("third");
        for (int i = 1; i <= 4; i++) {
            Spool.metric("request_duration", i, "ms", Map.of("route", "/a"));
        }
        Spool.shutdown(); // commits everything
        await().atMost(Duration.ofSeconds(10)).until(() -> PostgresServer.number(url, "SELECT count(*) FROM logs") == 3);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] line = new String[args.length + 2];
        line[0] = args[0];
        line[1] = "--store";
        line[2] = url;
        System.arraycopy(args, 1, line, 3, args.length - 1);
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(line);
    }

    @Test
    void queryFiltersThePostgresStore() {
        assertThat(run("query", "--min-level", "WARN", "--logger", "app")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("second user_id=42").contains("third").doesNotContain("first");
    }

    @Test
    void tailPrintsTheLastEventsOldestFirst() {
        assertThat(run("tail", "-n", "2")).as(err.toString()).isZero();
        assertThat(out.toString().indexOf("second")).isLessThan(out.toString().indexOf("third")).isNotNegative();
        assertThat(out.toString()).doesNotContain("first");
    }

    @Test
    void statsCountsTheLevels() {
        assertThat(run("stats")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("events 3 ").containsPattern("(?m)^ERROR +1 +33\\.3%$");
    }

    @Test
    void metricsListsAndAggregates() {
        assertThat(run("metrics")).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("request_duration");
        assertThat(run("metrics", "--name", "request_duration", "--top", "1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains(" 4.00 ");
    }

    @Test
    void aDatabaseWithoutSpoolTablesFailsWithAMessage() {
        out = new StringWriter();
        err = new StringWriter();
        int code = SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("query", "--store", "postgresql://127.0.0.1:5432/postgres");
        assertThat(code).isEqualTo(SpoolCommand.FAILED);
        assertThat(err.toString()).contains("holds no Spool logs");
    }
}
