package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.SpoolCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store commands against a real database written by the sqlite destination, in this JVM. */
class StoreCommandsIT {

    private static final String EVIL = "it's \"quoted\" '; DROP TABLE logs; --";

    @TempDir
    Path dir;

    private Path db;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void startSpool() {
        db = dir.resolve("spool.db");
        Spool.configure(SpoolConfig.builder().name("cli-it").jmx(false).shutdownHook(false)
                .destination("db", "sqlite", Map.of("path", db.toString(), "batchTime", "20ms"))
                .route("root", "", Level.DEBUG, "db").build());
    }

    @AfterEach
    void stopSpool() {
        Spool.shutdown();
    }

    /** Logs the three sample events and waits until they are committed. */
    private void logSample() {
        Spool.logger("app.db").info("first");
        Spool.logger("app.http").atError().kv("user_id", 42).log("second");
        Spool.logger("app.db.pool").warn("third");
        Spool.logger(EVIL).atInfo().kv("note", EVIL).log(EVIL);
        commit();
    }

    private void commit() {
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> Spool.stats().destinations().get(0).backlog() == false);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> line = new ArrayList<>(List.of(args));
        line.add(1, "--db");
        line.add(2, db.toString());
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(line.toArray(new String[0]));
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void everyStoreCommandsHelpShowsExamplesAndExitCodes() {
        for (String command : List.of("query", "tail", "stats", "metrics")) {
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).contains("Examples:", "spool " + command + " ", "Exit codes: 0 success");
        }
    }

    @Nested
    class Query {

        @Test
        void printsAnAlignedTableNewestFirst() {
            logSample();
            assertThat(run("query", "--min-level", "WARN")).as(err.toString()).isZero();
            List<String> lines = lines();
            assertThat(lines).hasSize(3);
            int loggerColumn = lines.get(0).indexOf("LOGGER");
            assertThat(lines.get(1).substring(loggerColumn)).startsWith("app.db.pool ");
            assertThat(lines.get(2).substring(loggerColumn)).startsWith("app.http ");
            assertThat(lines.get(2)).contains("ERROR").endsWith("second user_id=42");
        }

        @Test
        void sqlInLoggerMessageAndFieldsRoundTripsThroughTheCommandLine() {
            logSample();
            assertThat(run("query", "--logger", EVIL, "--field", "note=" + EVIL, "--grep", "DROP TABLE", "--json")).isZero();
            String escaped = EVIL.replace("\"", "\\\"");
            assertThat(lines()).singleElement().asString()
                    .contains("\"logger\":\"" + escaped + "\"", "\"message\":\"" + escaped + "\"", "\"note\":\"" + escaped + "\"");
            assertThat(run("stats")).isZero();
            assertThat(out.toString()).startsWith("events 4 ");
        }

        @Test
        void anEmptyResultSaysSoWithTheNewestMatchOutsideTheRange() {
            logSample();
            assertThat(run("query", "-s", "2000-01-01T00:00", "-u", "2000-01-02")).isZero();
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString()).startsWith("spool query: no events match in that time range; the newest match is from 20")
                    .contains("--since all");
            assertThat(run("query", "-g", "nothing like this")).isZero();
            assertThat(err.toString()).isEqualTo("spool query: no events match" + System.lineSeparator());
            assertThat(run("stats", "-s", "2000-01-01", "-u", "2000-01-02")).isZero();
            assertThat(err.toString()).contains("no events match in that time range");
        }

        @Test
        void takesAllRelativeLocalAndZonedTimes() {
            logSample();
            assertThat(run("query", "-s", "all")).isZero();
            assertThat(lines()).hasSize(5);
            assertThat(run("query", "-s", "15m", "-l", "WARN")).isZero();
            assertThat(lines()).hasSize(3);
            String anHourAgoHere = LocalDateTime.now().minusHours(1).withNano(0).toString();
            assertThat(run("query", "-s", anHourAgoHere)).as(err.toString()).isZero();
            assertThat(lines()).hasSize(5);
            assertThat(run("query", "-s", anHourAgoHere.replace('T', ' '))).isZero();
            assertThat(lines()).hasSize(5);
            String inAnHourElsewhere = OffsetDateTime.now(ZoneOffset.ofHours(-7)).plusHours(1).withNano(0).toString();
            assertThat(run("query", "-s", inAnHourElsewhere)).isZero();
            assertThat(lines()).isEmpty();
        }

        @Test
        void showsFieldsAndContextAfterTheMessage() {
            try (var scope = Spool.correlationId("req-9")) {
                Spool.logger("app.auth").atInfo().kv("user_id", 42).log("user logged in");
            }
            commit();
            assertThat(run("query")).isZero();
            assertThat(lines().get(1)).endsWith("user logged in user_id=42 correlation_id=req-9");
        }

        @Test
        void aFullPageNamesTheCursorOfTheNextOne() {
            logSample();
            assertThat(run("query", "--limit", "2", "--oldest-first")).isZero();
            assertThat(lines()).hasSize(3).last().asString().contains("second");
            String cursor = err.toString().trim().replace("more: --after ", "");
            assertThat(run("query", "--limit", "2", "--oldest-first", "--after", cursor)).isZero();
            assertThat(lines()).hasSize(3);
            assertThat(lines().get(1)).contains("third");
        }

        @Test
        void exitCodesSayWhatWentWrong() {
            assertThat(run("query", "--since", "yesterday")).isEqualTo(SpoolCommand.USAGE);
            assertThat(err.toString()).contains("bad value 'yesterday' for --since: expected all, ");
            db = dir.resolve("missing.db");
            assertThat(run("query")).isEqualTo(SpoolCommand.FAILED);
            assertThat(err.toString()).contains("no SQLite database at");
        }
    }

    @Nested
    class StatsAndMetrics {

        @Test
        void statsShowsLevelsWithPercentagesAndASparkline() {
            logSample();
            assertThat(run("stats", "--bucket", "1s")).isZero();
            assertThat(out.toString()).containsPattern("(?m)^ERROR +1 +25\\.0%$").containsPattern("(?m)^INFO +2 +50\\.0%$")
                    .containsPattern("(?m)^app\\.db +1$").containsPattern("(?m)^[▁▂▃▄▅▆▇█ ]*█[▁▂▃▄▅▆▇█ ]*$");
        }

        @Test
        void metricsAggregatesAndListsTheLargestSamples() {
            for (int i = 1; i <= 10; i++) {
                Spool.metric("request_duration", i, "ms", Map.of("route", i % 2 == 0 ? "/even" : "/odd"));
            }
            commit();
            assertThat(run("metrics", "--name", "request_duration", "--since", "1h")).isZero();
            assertThat(lines().get(1)).containsPattern(" 10 +5\\.50 +1\\.00 +10\\.00 +5\\.00 +10\\.00 +10\\.00 +ms$");
            assertThat(run("metrics", "--name", "request_duration", "--top", "2", "--tag", "route=/odd")).isZero();
            assertThat(lines()).hasSize(3);
            assertThat(lines().get(1)).contains(" 9.00 ");
            assertThat(lines().get(1)).endsWith(" route=/odd");
            assertThat(run("metrics")).isZero();
            assertThat(lines()).containsExactly("request_duration");
        }

        @Test
        void aTracesEventsAreFoundByItsIdInTheContext() {
            try (var trace = dev.spool.Context.scoped("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")) {
                Spool.logger("app.http").info("request in");
                Spool.logger("app.db").info("query");
            }
            Spool.logger("app.http").atInfo().kv("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").log("a field, not context");
            Spool.logger("app.http").info("untraced");
            commit();
            assertThat(run("query", "--trace-id", "4BF92F3577B34DA6A3CE929D0E0E4736", "--json")).isZero();
            assertThat(lines()).hasSize(2).allMatch(l -> l.contains("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\""));
            assertThat(out.toString()).contains("request in").contains("query").doesNotContain("untraced");
            assertThat(run("query", "--context", "trace_id=4bf92f3577b34da6a3ce929d0e0e4736")).isZero();
            assertThat(out.toString()).contains("request in").doesNotContain("a field, not context");
        }

        @Test
        void rawSamplesAreTheNewestAndAPatternRanksEveryMatchingMetric() {
            for (int i = 1; i <= 5; i++) {
                Spool.metric("operation_duration_db", 10 * i, "ms", Map.of());
                Spool.metric("operation_duration_http", 100 + i, "ms", Map.of());
            }
            Spool.metric("operation_count", 1_000_000, "", Map.of());
            commit();
            assertThat(run("metrics", "--name", "operation_duration_db", "--raw", "-n", "2")).isZero();
            assertThat(lines()).hasSize(3);
            assertThat(lines().get(1)).contains(" operation_duration_db ").contains(" 50.00 ");
            assertThat(lines().get(2)).contains(" 40.00 ");
            assertThat(run("metrics", "--name", "operation_duration_*", "--top", "3")).isZero();
            assertThat(lines()).hasSize(4);
            assertThat(lines().subList(1, 4)).allSatisfy(l -> assertThat(l).contains(" operation_duration_http "));
            assertThat(lines().get(1)).contains(" 105.00 ");
            assertThat(run("metrics", "--name", "operation_*", "--raw", "--json")).isZero();
            assertThat(lines()).hasSize(11).anyMatch(l -> l.contains("\"name\":\"operation_count\""));
        }

        @Test
        void topOrRawWithoutANameAndAPatternWithoutThemAreUsageErrors() {
            Spool.metric("operation_duration_db", 1, "ms", Map.of());
            commit();
            assertThat(run("metrics", "--top", "10")).isEqualTo(2);
            assertThat(err.toString()).contains("--top needs --name NAME");
            assertThat(run("metrics", "--raw")).isEqualTo(2);
            assertThat(err.toString()).contains("--raw needs --name NAME");
            assertThat(run("metrics", "--name", "operation_*")).isEqualTo(2);
            assertThat(err.toString()).contains("a pattern needs --top or --raw");
            assertThat(run("metrics", "--name", "operation_duration_db", "--top", "1", "--raw")).isEqualTo(2);
            assertThat(err.toString()).contains("exclude each other");
            assertThat(run("metrics", "--name", "nothing_*", "--top", "1")).isZero();
            assertThat(err.toString()).contains("no samples of a metric matching 'nothing_*'");
        }

        @Test
        void metricsSayWhichNamesExistAndWriteIsoTimesInJson() {
            Spool.metric("request_duration", 7, "ms", Map.of("route", "/a"));
            Spool.metric("queue_depth", 3, "", Map.of());
            commit();
            assertThat(run("metrics", "--name", "request_durations")).isZero();
            assertThat(err.toString()).isEqualTo("spool metrics: no metric named 'request_durations'; the metrics stored are: "
                    + "queue_depth, request_duration" + System.lineSeparator());
            assertThat(run("metrics", "--name", "request_duration", "--tag", "route=/b")).isZero();
            assertThat(err.toString()).contains("no samples of 'request_duration' with route=/b");
            assertThat(run("metrics", "--name", "request_duration", "--json")).isZero();
            assertThat(lines()).singleElement().asString().containsPattern("\"start\":\"\\d{4}-\\d{2}-\\d{2}T[^\"]*Z\"");
            assertThat(run("metrics", "--name", "request_duration", "--top", "1", "--json")).isZero();
            assertThat(lines()).singleElement().asString().containsPattern("\"ts\":\"\\d{4}-\\d{2}-\\d{2}T[^\"]*Z\"");
        }
    }

    @Nested
    class Tail {

        @Test
        void printsTheLastEventsOldestFirst() {
            logSample();
            assertThat(run("tail", "-n", "2")).isZero();
            assertThat(lines()).hasSize(3);
            assertThat(lines().get(1)).contains("third");
            assertThat(lines().get(2)).contains("DROP TABLE");
        }

        @Test
        void followPrintsEventsStoredAfterItStarted() throws Exception {
            logSample();
            StringWriter followed = new StringWriter();
            AtomicInteger code = new AtomicInteger(-1);
            Thread tail = new Thread(() -> code.set(SpoolCommand.commandLine().setOut(new PrintWriter(followed, true))
                    .execute("tail", "--db", db.toString(), "-f", "--interval", "20ms", "-n", "1")));
            tail.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> followed.toString().contains("DROP TABLE"));
            Spool.logger("app").info("arrived later");
            commit();
            await().atMost(Duration.ofSeconds(10)).until(() -> followed.toString().contains("arrived later"));
            tail.interrupt();
            tail.join(10_000);
            assertThat(code.get()).isZero();
            assertThat(followed.toString()).doesNotContain("first").containsOnlyOnce("arrived later");
        }
    }
}
