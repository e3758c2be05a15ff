package dev.spool.cli.web;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web view's HTTP API (docs/web.md) against a real SQLite database the sqlite destination wrote. */
class WebServerIT {

    static final String EVIL_SQL = "it's \"quoted\" '; DROP TABLE logs; --";
    static final String EVIL_HTML = "<img src=x onerror=alert(1)></td><script>alert(2)</script> \u2028 line";

    @TempDir
    static Path dir;

    static Path db;
    static LogStore store;
    static WebServer server;
    static URI uri;

    @BeforeAll
    static void writeAndServe() throws IOException {
        db = dir.resolve("spool.db");
        Spool.configure(SpoolConfig.builder().name("web-it").jmx(false).shutdownHook(false)
                .destination("db", "sqlite", Map.of("path", db.toString(), "batchTime", "20ms"))
                .route("root", "", Level.DEBUG, "db").build());
        Spool.logger("app.db").info("first");
        Spool.logger("app.http").atError().kv("user_id", 42).kv("ratio", 0.75).kv("admin", true).kv("code", "042")
                .exception(new IllegalStateException("no answer")).log("second");
        try (var trace = dev.spool.Context.scoped("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")) {
            Spool.logger("app.db.pool").warn("third");
        }
        Spool.logger(EVIL_SQL).atInfo().kv("note", EVIL_HTML).log(EVIL_HTML);
        for (int i = 1; i <= 5; i++) {
            Spool.metric("request_duration", i * 10, "ms", Map.of("route", i % 2 == 0 ? "/even" : "/odd"));
        }
        Spool.shutdown(); // commits everything
        store = SqliteStore.open(db);
        server = WebServer.start(store, "sqlite:" + db, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        uri = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    static Http.Response get(String target) throws IOException {
        return Http.get(uri, target);
    }

    static Map<String, Object> ok(String target) throws IOException {
        Http.Response r = get(target);
        assertThat(r.status()).as("%s answered %s", target, r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        return r.json();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> records(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("records");
    }

    static List<Object> messages(String target) throws IOException {
        return records(ok(target)).stream().map(r -> r.get("message")).toList();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Nested
    class Logs {

        @Test
        void everyEventNewestFirstWithTheMembersOfTheJsonFormatAndTypedFields() throws IOException {
            ok("/api/logs");
            List<Map<String, Object>> records = records(get("/api/logs").typedJson());

            assertThat(records).extracting(r -> r.get("message")).containsExactly(EVIL_HTML, "third", "second", "first");
            Map<String, Object> second = records.get(2);
            assertThat(second).containsEntry("v", 1L).containsEntry("level", "ERROR").containsEntry("logger", "app.http")
                    .containsEntry("fields", Map.of("user_id", 42L, "ratio", 0.75, "admin", true, "code", "042"))
                    .containsKeys("id", "ts", "thread", "thread_id", "service", "host", "pid")
                    .doesNotContainKeys("time", "ts_micros", "context");
            assertThat((String) second.get("ts")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            @SuppressWarnings("unchecked")
            Map<String, Object> exception = (Map<String, Object>) second.get("exception");
            assertThat(exception).containsEntry("class", "java.lang.IllegalStateException").containsEntry("message", "no answer");
            assertThat((List<?>) exception.get("stack")).first().asString().startsWith("dev.spool.cli.web.WebServerIT.writeAndServe(WebServerIT.java:");
        }

        @Test
        void hostileTextComesBackExactlyAsLogged() throws IOException {
            Map<String, Object> evil = records(ok("/api/logs?logger=" + encode(EVIL_SQL))).get(0);

            assertThat(evil).containsEntry("logger", EVIL_SQL).containsEntry("message", EVIL_HTML)
                    .containsEntry("fields", Map.of("note", EVIL_HTML));
        }

        @Test
        void filtersNarrowTheEvents() throws IOException {
            assertThat(messages("/api/logs?min_level=WARN")).containsExactly("third", "second");
            assertThat(messages("/api/logs?level=warn")).containsExactly("third");
            assertThat(messages("/api/logs?logger=app.db")).containsExactly("third", "first");
            assertThat(messages("/api/logs?field=" + encode("user_id=42"))).containsExactly("second");
            assertThat(messages("/api/logs?trace_id=4BF92F3577B34DA6A3CE929D0E0E4736")).as("a trace, case ignored")
                    .containsExactly("third");
            assertThat(messages("/api/logs?context=" + encode("trace_id=4bf92f3577b34da6a3ce929d0e0e4736"))).containsExactly("third");
            assertThat(messages("/api/logs?context=" + encode("trace_id=other"))).isEmpty();
            assertThat(messages("/api/logs?q=SECON")).containsExactly("second");
            assertThat(messages("/api/logs?since=1h&until=" + encode("2999-01-01T00:00:00Z"))).hasSize(4);
            assertThat(messages("/api/logs?until=" + encode("2000-01-01T00:00:00Z"))).isEmpty();
            assertThat(messages("/api/logs?since=all")).as("the CLI's time words").hasSize(4);
            assertThat(messages("/api/logs?since=" + encode("2000-01-01 00:00"))).as("local time").hasSize(4);
            assertThat(messages("/api/logs?level=&logger=")).as("empty parameters are no filter").hasSize(4);
            assertThat(messages("/api/logs?order=oldest&limit=2")).containsExactly("first", "second");
        }

        @Test
        void theCursorWalksEveryEventOnce() throws IOException {
            List<Object> seen = new ArrayList<>();
            String target = "/api/logs?limit=3";
            for (int pages = 0; target != null; pages++) {
                assertThat(pages).as("pages").isLessThan(4);
                Map<String, Object> page = ok(target);
                records(page).forEach(r -> seen.add(r.get("message")));
                target = page.get("next") == null ? null : "/api/logs?limit=3&after=" + encode((String) page.get("next"));
            }

            assertThat(seen).containsExactly(EVIL_HTML, "third", "second", "first");
        }
    }

    @Nested
    class StatsAndMetrics {

        @Test
        @SuppressWarnings("unchecked")
        void statsCountByLevelLoggerThreadAndBucket() throws IOException {
            Map<String, Object> stats = ok("/api/stats?bucket=1h&top=2");

            assertThat(stats).containsEntry("total", 4.0).containsEntry("bucket_seconds", 3600.0)
                    .containsEntry("buckets_left_out", 0.0);
            List<Map<String, Object>> levels = (List<Map<String, Object>>) stats.get("levels");
            assertThat(levels).extracting(l -> l.get("level")).containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
            assertThat(levels).filteredOn(l -> l.get("level").equals("INFO")).singleElement()
                    .satisfies(l -> assertThat(l).containsEntry("count", 2.0).containsEntry("percent", 50.0));
            assertThat((List<Object>) stats.get("loggers")).hasSize(2);
            List<Map<String, Object>> buckets = (List<Map<String, Object>>) stats.get("buckets");
            assertThat(buckets.stream().mapToDouble(b -> (Double) b.get("count")).sum()).isEqualTo(4.0);
            assertThat(ok("/api/stats?min_level=ERROR")).containsEntry("total", 1.0);
        }

        @Test
        @SuppressWarnings("unchecked")
        void metricSeriesNamesAndLargestSamples() throws IOException {
            assertThat(ok("/api/metrics/names")).containsEntry("names", List.of("request_duration"));

            Map<String, Object> series = ok("/api/metrics?name=request_duration&since=1h");
            assertThat(series).containsEntry("unit", "ms").containsEntry("bucket_seconds", null);
            Map<String, Object> all = ((List<Map<String, Object>>) series.get("buckets")).get(0);
            assertThat(all).containsEntry("count", 5.0).containsEntry("avg", 30.0).containsEntry("min", 10.0)
                    .containsEntry("max", 50.0);
            List<Map<String, Object>> even = (List<Map<String, Object>>) ok("/api/metrics?name=request_duration&tag="
                    + encode("route=/even") + "&bucket=1m").get("buckets");
            assertThat(even.stream().mapToDouble(b -> (Double) b.get("count")).sum()).as("samples tagged /even").isEqualTo(2.0);

            List<Map<String, Object>> top = (List<Map<String, Object>>) ok("/api/metrics/top?name=request_duration&limit=2").get("samples");
            assertThat(top).extracting(s -> s.get("value")).containsExactly(50.0, 40.0);
            assertThat(top.get(1)).containsEntry("tags", Map.of("route", "/even")).containsEntry("unit", "ms");
        }

        @Test
        void healthNamesTheStoreAndItsSize() throws IOException {
            Map<String, Object> health = ok("/api/health");

            assertThat(health).containsEntry("status", "ok").containsEntry("store", "sqlite:" + db);
            assertThat((Double) health.get("size_bytes")).isEqualTo((double) Files.size(db));
        }
    }

    @Nested
    class HistogramAndAround {

        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> list(Map<String, Object> body, String key) {
            return (List<Map<String, Object>>) body.get(key);
        }

        @Test
        void theHistogramCoversTheWholeWindowWithEmptyBucketsIncluded() throws IOException {
            Map<String, Object> h = ok("/api/histogram?since=1h&buckets=60&top=2");
            double width = (Double) h.get("bucket_seconds") * 1e6;
            assertThat(width).isEqualTo(60e6);
            List<Map<String, Object>> buckets = list(h, "buckets");
            assertThat(buckets).hasSizeBetween(60, 61);
            double since = (Double) h.get("since_micros");
            double until = (Double) h.get("until_micros");
            assertThat(until - since).isEqualTo(3600e6);
            assertThat((Double) buckets.get(0).get("start_micros")).isLessThanOrEqualTo(since).isGreaterThan(since - width);
            assertThat((Double) buckets.get(buckets.size() - 1).get("start_micros")).isLessThan(until).isGreaterThanOrEqualTo(until - width);
            for (int i = 1; i < buckets.size(); i++) {
                assertThat((Double) buckets.get(i).get("start_micros") - (Double) buckets.get(i - 1).get("start_micros")).isEqualTo(width);
            }
            assertThat(buckets.stream().mapToDouble(b -> (Double) b.get("count")).sum()).isEqualTo(4.0).isEqualTo(h.get("total"));
            assertThat(list(h, "levels")).hasSize(6);
            assertThat(list(h, "loggers")).hasSize(2);
            assertThat(ok("/api/histogram?since=1h&min_level=ERROR").get("total")).isEqualTo(1.0);
        }

        @Test
        void withoutSinceTheWindowStartsAtTheOldestMatchingEvent() throws IOException {
            Map<String, Object> oldest = records(ok("/api/logs?order=oldest&limit=1")).get(0);
            Map<String, Object> h = ok("/api/histogram?buckets=10");
            java.time.Instant ts = java.time.Instant.parse((String) oldest.get("ts"));
            assertThat(h.get("since_micros")).isEqualTo((double) (ts.getEpochSecond() * 1_000_000L + ts.getNano() / 1_000));
            assertThat(list(h, "buckets").size()).isBetween(1, 11);
            Map<String, Object> week = ok("/api/histogram?since=7d&buckets=1000");
            assertThat(week.get("bucket_seconds")).as("the round width above 604.8 s").isEqualTo(900.0);
            Map<String, Object> future = ok("/api/histogram?since=2999-01-01T00:00:00Z");
            assertThat(future.get("total")).as("a window in the future is empty, not an error").isEqualTo(0.0);
        }

        @Test
        @SuppressWarnings("unchecked")
        void aroundAnEventAreItsNeighboursInTimeOrder() throws IOException {
            List<Map<String, Object>> all = records(ok("/api/logs?order=oldest"));
            Map<String, Object> second = all.get(1);
            String at = "/api/logs/around?time=" + second.get("ts") + "&id=" + second.get("id");
            Map<String, Object> around = ok(at);
            assertThat(((Map<String, Object>) around.get("event")).get("id")).isEqualTo(second.get("id"));
            assertThat(list(around, "before")).extracting(r -> r.get("id")).containsExactly(all.get(0).get("id"));
            assertThat(list(around, "after")).extracting(r -> r.get("id")).containsExactly(all.get(2).get("id"), all.get(3).get("id"));
            assertThat(list(ok(at + "&before=0&after=1"), "after")).hasSize(1);
            assertThat(list(ok(at + "&before=0&after=1"), "before")).isEmpty();
            Map<String, Object> sameThread = ok(at + "&thread=no-such-thread");
            assertThat(sameThread.get("event")).isNull();
            assertThat(list(sameThread, "before")).isEmpty();
            Map<String, Object> moment = ok("/api/logs/around?time=" + second.get("ts"));
            assertThat(moment.get("event")).as("without an id, the moment is no event's").isNull();
            assertThat(list(moment, "after")).extracting(r -> r.get("id")).startsWith(second.get("id"));
        }
    }

    @Nested
    class BadRequests {

        private void refused(String target, int status, String... words) throws IOException {
            Http.Response r = get(target);
            assertThat(r.status()).as("%s answered %s", target, r.body()).isEqualTo(status);
            assertThat((String) r.json().get("error")).as(target).contains(words);
        }

        @Test
        void badParametersAre400sNamingTheParameter() throws IOException {
            refused("/api/logs?levle=ERROR", 400, "unknown parameter 'levle'", "level");
            refused("/api/logs?level=LOUD", 400, "'level'", "LOUD");
            refused("/api/logs?level=ERROR&min_level=WARN", 400, "exclude");
            refused("/api/logs?limit=0", 400, "'limit'", "1 to 1000");
            refused("/api/logs?limit=5000", 400, "'limit'");
            refused("/api/logs?limit=10&limit=20", 400, "'limit' given more than once");
            refused("/api/logs?since=yesterday", 400, "'since'", "yesterday");
            refused("/api/logs?since=1h&until=2h", 400, "empty time range");
            refused("/api/logs?order=random", 400, "'order'", "newest or oldest");
            refused("/api/logs?field=nokey", 400, "'field'", "KEY=VALUE");
            refused("/api/logs?context=nokey", 400, "'context'", "KEY=VALUE");
            refused("/api/logs?after=garbage", 400, "cursor");
            refused("/api/stats?bucket=10ms", 400, "'bucket'", "at least 1s");
            refused("/api/stats?top=500", 400, "'top'");
            refused("/api/metrics", 400, "'name' is required");
            refused("/api/metrics?name=request_*", 400, "'name'", "is a pattern");
            refused("/api/metrics/top?name=x&limit=-1", 400, "'limit'");
            refused("/api/health?verbose=1", 400, "unknown parameter 'verbose'", "none");
            refused("/api/histogram?buckets=0", 400, "'buckets'", "1 to 1000");
            refused("/api/histogram?buckets=many", 400, "'buckets'");
            refused("/api/histogram?top=101", 400, "'top'");
            refused("/api/histogram?since=1h&until=2h", 400, "'since'", "not before 'until'");
            refused("/api/histogram?bucket=1m", 400, "unknown parameter 'bucket'");
            refused("/api/logs/around", 400, "'time' is required");
            refused("/api/logs/around?time=soon", 400, "'time'", "soon");
            refused("/api/logs/around?time=1h&before=500", 400, "'before'", "0 to 100");
            refused("/api/logs/around?time=1h&after=-1", 400, "'after'");
            refused("/api/logs/around?time=1h&level=ERROR", 400, "unknown parameter 'level'");
        }

        @Test
        void malformedEncodingIsRefusedNotGuessed() throws IOException {
            // Not a URI at all: the JDK's server refuses it before it reaches Spool's handler.
            assertThat(get("/api/logs?q=%zz").status()).isEqualTo(400);
            assertThat(get("/api/logs?q=%4").status()).isEqualTo(400);
            refused("/api/logs?q=%ff%fe", 400, "'q'", "not UTF-8");
            assertThat(messages("/api/logs?q=sec%6Fnd")).containsExactly("second");
        }

        @Test
        void anOversizedQueryIs414() throws IOException {
            refused("/api/logs?q=" + "a".repeat(Router.MAX_QUERY_CHARS), 414, "at most 8192");
        }

        @Test
        void unknownPathsAre404() throws IOException {
            refused("/api/nothing", 404, "no endpoint /api/nothing", "/api/logs");
            for (String path : List.of("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/WebServer.class",
                    "/dev/spool/cli/web/index.html", "/app.js/../../pom.xml")) {
                Http.Response r = get(path);
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).doesNotContain("<project").doesNotContain("root:");
            }
        }

        @Test
        void onlyGetAndHeadAreAllowed() throws IOException {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                Http.Response r = Http.send(uri, method, "/api/logs", "127.0.0.1:" + uri.getPort());
                assertThat(r.status()).as(method).isEqualTo(405);
                assertThat(r.header("Allow")).as(method).isEqualTo("GET, HEAD");
            }
            Http.Response head = Http.send(uri, "HEAD", "/api/logs", "127.0.0.1:" + uri.getPort());
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }

        @Test
        void aForeignHostHeaderIsRefused() throws IOException {
            Http.Response rebound = Http.send(uri, "GET", "/api/logs", "attacker.example:" + uri.getPort());
            assertThat(rebound.status()).isEqualTo(421);
            assertThat(rebound.body()).doesNotContain("second");

            for (String host : List.of("localhost:" + uri.getPort(), "LOCALHOST", "127.0.0.1", "[::1]:" + uri.getPort())) {
                assertThat(Http.send(uri, "GET", "/api/health", host).status()).as(host).isEqualTo(200);
            }
        }

        @Test
        void everyAnswerCarriesTheSecurityHeaders() throws IOException {
            for (String target : List.of("/api/logs", "/api/nothing", "/missing", "/api/logs?limit=0")) {
                Http.Response r = get(target);
                assertThat(r.header("Content-Security-Policy")).as(target).isEqualTo(Router.CSP).contains("script-src 'self'")
                        .doesNotContain("unsafe-inline");
                assertThat(r.header("X-Content-Type-Options")).as(target).isEqualTo("nosniff");
                assertThat(r.header("Referrer-Policy")).as(target).isEqualTo("no-referrer");
            }
            assertThat(get("/api/logs").header("Cache-Control")).isEqualTo("no-store");
        }
    }
}
