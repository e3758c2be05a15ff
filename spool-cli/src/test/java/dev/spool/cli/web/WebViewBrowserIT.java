package dev.spool.cli.web;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web view in a real browser: headless Chromium loads the page from a {@link WebServer} in front of a
 * SQLite store written by Spool, runs its scripts, and the test reads the document they built.
 */
class WebViewBrowserIT {

    private static final String HOSTILE_MESSAGE = "<img src=x onerror=\"document.title='pwned'\">";
    private static final String HOSTILE_LOGGER = "<script>document.title='pwned'</script>";
    /** The page's files as written (the tests run in the module's folder). */
    private static final Path SOURCES = Path.of("src/main/resources/dev/spool/cli/web");

    @TempDir
    static Path dir;

    private static Path db;
    private static SqliteStore store;
    private static WebServer server;
    private static Chromium chromium;
    private static String timedOutId;
    private static dev.spool.store.LogRecord hostile;
    private static Chromium.Page fullView;

    @BeforeAll
    static void storeEventsAndServeThem() throws Exception {
        chromium = Chromium.installed(Files.createDirectories(dir.resolve("chromium")));
        db = dir.resolve("spool.db");
        Spool.configure(SpoolConfig.builder().name("web-it").jmx(false).shutdownHook(false)
                .destination("db", "sqlite", Map.of("path", db.toString(), "batchTime", "20ms"))
                .route("root", "", Level.DEBUG, "db").build());
        try {
            Spool.logger("app.http").atInfo().kv("port", 8080).log("server started");
            Spool.logger("app.http").atInfo().kv("route", "/users").log("request served");
            Spool.logger("app.db.pool").atWarn().kv("active", 18).log("pool nearly full");
            Spool.logger("app.db").atError().kv("user_id", 42).exception(new IllegalStateException("no answer in 5 s"))
                    .log("query timed out");
            Spool.logger(HOSTILE_LOGGER).atInfo().kv("note", HOSTILE_MESSAGE).log(HOSTILE_MESSAGE);
            Spool.logger("app.payment").atError().kv("order", "A-17").log("card declined");
            for (int i = 1; i <= 12; i++) {
                Spool.metric("request_duration", i, "ms", Map.of("route", i % 2 == 0 ? "/even" : "/odd"));
            }
            Spool.metric("retry_count", 3, "");
            assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !Spool.stats().destinations().get(0).backlog());
        } finally {
            Spool.shutdown();
        }
        store = SqliteStore.open(db);
        timedOutId = store.query(LogQuery.builder().text("query timed out").build()).records().get(0).eventId();
        hostile = store.query(LogQuery.builder().loggerPrefix(HOSTILE_LOGGER).build()).records().get(0);
        server = WebServer.start(store, "sqlite:" + db, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** The page with this address fragment, after checking that the browser ran its scripts without a complaint. */
    private static Chromium.Page load(String hash) throws Exception {
        Chromium.Page page = chromium.load(URI.create(server.uri() + hash));
        assertThat(page.console()).as("console of %s", hash).noneMatch(line -> line.contains("Content Security Policy"))
                .noneMatch(line -> line.contains("Uncaught"));
        return page;
    }

    private static String dump(String hash) throws Exception {
        return load(hash).dom();
    }

    /** The page without filters, loaded once for the tests that only read it. */
    private static synchronized Chromium.Page fullView() throws Exception {
        if (fullView == null) {
            fullView = load("");
        }
        return fullView;
    }

    @Test
    void showsEveryEventNewestFirstWithItsLevelClassAndFields() throws Exception {
        assertThat(fullView().console()).as("a page whose requests all succeed logs nothing").isEmpty();
        String dom = fullView().dom();
        String events = element(dom, "tbody", "events");
        assertThat(count(events, "<tr ")).isEqualTo(6);
        assertThat(events).containsSubsequence("card declined", "query timed out", "pool nearly full", "request served",
                "server started");
        assertThat(count(events, "class=\"level level-INFO\">INFO<")).isEqualTo(3);
        assertThat(count(events, "class=\"level level-WARN\">WARN<")).isEqualTo(1);
        assertThat(count(events, "class=\"level level-ERROR\">ERROR<")).isEqualTo(2);
        assertThat(events).contains(">user_id=42<", ">order=A-17<", "java.lang.IllegalStateException: no answer in 5 s");
        assertThat(text(element(dom, "span", "store"))).isEqualTo("sqlite:" + db);
        assertThat(element(dom, "div", "error")).contains(" hidden");
        assertThat(dom).contains("<button type=\"button\" id=\"more\" hidden=\"\">");
    }

    @Test
    void hostileTextShowsAsCharactersAndNeverAsMarkup() throws Exception {
        String dom = fullView().dom();
        String events = element(dom, "tbody", "events");
        assertThat(events).contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;",
                "&lt;script&gt;document.title='pwned'&lt;/script&gt;");
        assertThat(dom).doesNotContainPattern("(?i)<img\\b");
        assertThat(count(dom.toLowerCase(), "<script")).as("only app.js").isEqualTo(1);
        assertThat(text(find(dom, "<title>(.*?)</title>"))).isEqualTo("Spool · sqlite:" + db).doesNotContain("pwned");
    }

    @Test
    void hostileTextInAnOpenedEventAndItsSurroundingsIsCharactersToo() throws Exception {
        String time = dev.spool.cli.store.JsonLine.instant(hostile.timestampMicros());
        Chromium.Page page = load("#event=" + hostile.eventId() + "&around=" + time + "&around_id=" + hostile.eventId());
        String dom = page.dom();
        String around = element(dom, "tbody", "around-events");
        assertThat(around).contains("class=\"event anchor selected\"", "class=\"detail-row\"");
        assertThat(element(dom, "tbody", "events")).contains("class=\"detail-row\"");
        assertThat(count(dom, "&lt;script&gt;document.title='pwned'&lt;/script&gt;")).as("logger in both lists, rows and details")
                .isGreaterThanOrEqualTo(4);
        assertThat(dom).doesNotContainPattern("(?i)<img\\b");
        assertThat(count(dom.toLowerCase(), "<script")).as("only app.js").isEqualTo(1);
        assertThat(text(find(dom, "<title>(.*?)</title>"))).doesNotContain("pwned");
    }

    @Test
    void statsCountTheEventsByLevelAndLogger() throws Exception {
        String dom = fullView().dom();
        assertThat(text(element(dom, "span", "stats-total"))).isEqualTo("6");
        String levels = element(dom, "div", "stats-levels");
        assertThat(count(levels, "class=\"bar-row")).isEqualTo(6);
        assertThat(levels).contains(">ERROR 33.3%<", ">INFO 50.0%<", ">WARN 16.7%<", ">FATAL 0.0%<");
        assertThat(text(element(dom, "div", "stats-loggers"))).contains("app.http", HOSTILE_LOGGER);
    }

    @Test
    void metricsListTheNamesAndChartAndRankTheFirst() throws Exception {
        String dom = fullView().dom();
        String names = element(dom, "select", "metric-names");
        assertThat(names).containsSubsequence("<option value=\"request_duration\" selected=\"\">request_duration</option>",
                "<option value=\"retry_count\">retry_count</option>");
        String top = element(dom, "tbody", "metric-top");
        assertThat(count(top, "<tr>")).isEqualTo(10);
        assertThat(top).containsSubsequence(">12 ms<", ">11 ms<", ">3 ms<").doesNotContain(">2 ms<").contains("route=/even");
        assertThat(find(dom, "<polyline class=\"line avg\" points=\"([0-9., ]+)\"")).isNotBlank();
    }

    @Test
    void theLevelInTheAddressFiltersEventsAndStats() throws Exception {
        String dom = dump("#level=ERROR");
        String events = element(dom, "tbody", "events");
        assertThat(count(events, "<tr ")).isEqualTo(2);
        assertThat(count(events, "class=\"level level-ERROR\"")).isEqualTo(2);
        assertThat(events).contains("card declined", "query timed out").doesNotContain("level-INFO", "level-WARN");
        assertThat(text(element(dom, "span", "stats-total"))).isEqualTo("2");
    }

    @Test
    void anEventInTheAddressOpensItsDetailWithTheException() throws Exception {
        String dom = dump("#event=" + timedOutId + "&metric=retry_count");
        String events = element(dom, "tbody", "events");
        assertThat(events).containsPattern("<tr class=\"event selected\" data-id=\"" + timedOutId + "\"[^>]*aria-expanded=\"true\"");
        assertThat(count(events, "class=\"detail-row\"")).isEqualTo(1);
        String detail = events.substring(events.indexOf("class=\"detail-row\""));
        assertThat(detail).contains(">" + timedOutId + "<", "data-filter=\"field\">user_id=42</button>")
                .containsPattern("<pre class=\"stack\">java.lang.IllegalStateException: no answer in 5 s\\s+at ");
        assertThat(element(dom, "select", "metric-names")).contains("<option value=\"retry_count\" selected=\"\">");
        assertThat(count(element(dom, "tbody", "metric-top"), "<tr>")).isEqualTo(1);
    }

    @Test
    void aRefusedRequestShowsTheServersErrorInTheBanner() throws Exception {
        String dom = dump("#since=yesterday");
        String banner = element(dom, "div", "error");
        assertThat(banner).doesNotContain(" hidden");
        assertThat(text(banner)).contains("/api/logs: 400", "yesterday");
        assertThat(element(dom, "tbody", "events")).doesNotContain("<tr");
    }

    @Test
    void thePageOpensOnTheLastHourAndSaysWhenOnlyOlderEventsMatch() throws Exception {
        String opened = dump("");
        assertThat(opened).containsPattern("<input name=\"since\"[^>]*value=\"1h\"");
        assertThat(element(opened, "p", "hint")).as("no hint while the window has events").contains(" hidden");

        // A window that starts in the future holds nothing; every event is older.
        String dom = dump("#since=2999-01-01T00:00:00Z");
        assertThat(element(dom, "tbody", "events")).doesNotContain("<tr");
        String hint = element(dom, "p", "hint");
        assertThat(hint).doesNotContain(" hidden").contains("<button type=\"button\">Show all</button>");
        assertThat(text(hint)).contains("No events since 2999-01-01T00:00:00Z; the newest match is from 20");
        assertThat(element(dom, "div", "error")).as("an empty window is not an error").contains(" hidden");
    }

    @Test
    void theServedFilesAreTheSourcesUnchanged() throws Exception {
        // spool-cli filters its resources (version.properties): a "$" + "{...}" or "@...@" in the page would be replaced
        HttpClient http = HttpClient.newHttpClient();
        for (String file : List.of("index.html", "app.js", "app.css", "favicon.svg")) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(server.uri().resolve(file)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(served.statusCode()).as(file).isEqualTo(200);
            assertThat(served.body()).as(file).isEqualTo(Files.readString(SOURCES.resolve(file)));
        }
    }

    /** The outer HTML of the element {@code <tag id="id">}, elements of its kind nested in it included. */
    private static String element(String dom, String tag, String id) {
        int start = dom.indexOf("<" + tag + " id=\"" + id + "\"");
        assertThat(start).as("<%s id=\"%s\"> in the page:%n%s", tag, id, dom).isNotNegative();
        Matcher m = Pattern.compile("<(/?)" + tag + "[\\s>]").matcher(dom);
        m.region(start, dom.length());
        int depth = 0;
        while (m.find()) {
            depth += m.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return dom.substring(start, dom.indexOf('>', m.start()) + 1);
            }
        }
        throw new AssertionError("<" + tag + " id=\"" + id + "\"> is not closed in the page:\n" + dom);
    }

    private static String find(String dom, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("%s in the page:%n%s", regex, dom).isTrue();
        return m.group(1);
    }

    /** The text of an HTML fragment: tags dropped, the entities Chromium writes decoded. */
    private static String text(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                .replace("&amp;", "&");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
