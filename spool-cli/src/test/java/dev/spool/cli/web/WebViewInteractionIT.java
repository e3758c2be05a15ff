package dev.spool.cli.web;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web view as a person uses it, in headless Chromium driven through the DevTools protocol: keys
 * (Tab order, / to search, Enter to open an event, arrows, Esc), clicks that add filters, the histogram
 * zoomed by a click and by a drag, the level control, copy as JSON, surrounding events, live tail, and the
 * largest metric samples leading to their events. Against a SQLite store of 1,500 events over the last
 * 50 minutes. With {@code -Dspool.screenshots=DIR} it also writes the screenshots of docs/web.md there.
 */
class WebViewInteractionIT {

    private static final int EVENTS = 1_500;

    @TempDir
    static Path dir;

    private static Path db;
    private static SqliteStore store;
    private static WebServer server;
    private static Cdp browser;
    private static long nowMicros;

    @BeforeAll
    static void fillServeAndOpenTheBrowser() throws Exception {
        db = dir.resolve("spool.db");
        nowMicros = LogQuery.micros(Instant.now());
        try (StoreWriter writer = SqliteStore.writer(db)) {
            WebFixture.fill(writer, EVENTS, nowMicros - 50 * 60_000_000L, nowMicros - 5_000_000L, 1_000_000L);
        }
        store = SqliteStore.open(db);
        server = WebServer.start(store, "sqlite:" + db, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        browser = Cdp.launch(Files.createDirectories(dir.resolve("chromium")), 1440, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @BeforeEach
    void noErrorsSoFar() {
        assertThat(browser.console()).as("the page's console").noneMatch(l -> l.contains("Uncaught") || l.contains("Content Security Policy")
                || l.startsWith("error"));
    }

    private static void open(String hash) {
        browser.open(URI.create(server.uri() + hash));
    }

    private static String param(String name) {
        return browser.string("new URLSearchParams(location.hash.slice(1)).get(" + dev.spool.cli.store.JsonLine.quoted(name) + ")");
    }

    private static String hash() {
        return browser.string("decodeURIComponent(location.hash)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(String selector) {
        return (List<String>) browser.eval("[...document.querySelectorAll(" + dev.spool.cli.store.JsonLine.quoted(selector) + ")].map(e => e.textContent)");
    }

    private static String active() {
        return browser.string("(() => { const e = document.activeElement; return e.name || e.id || (e.dataset && e.dataset.id ? 'row:' + e.dataset.id : '')"
                + " || e.textContent.trim().slice(0, 40) || e.tagName; })()");
    }

    @Test
    void theKeyboardReachesEverythingInOrder() {
        open("");
        assertThat(texts("#events tr.event")).hasSize(100);
        browser.press("/");
        assertThat(active()).as("/ focuses the search").isEqualTo("q");
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 40 && !active().startsWith("row:"); i++) {
            order.add(active());
            browser.press("Tab");
        }
        assertThat(order).as("the tab order from the search to the first event").containsSubsequence("q", "level_mode", "level",
                "range", "since", "until", "logger", "thread", "correlation_id", "field", "Apply", "clear", "zoom-out", "metric-names");
        String first = active();
        assertThat(first).as("Tab reaches the events").startsWith("row:");
        String firstId = first.substring(4);

        browser.press("Enter");
        assertThat(browser.string("document.activeElement.getAttribute('aria-expanded')")).isEqualTo("true");
        assertThat(hash()).contains("event=" + firstId);
        assertThat(browser.number("document.querySelectorAll('tr.detail-row').length")).isEqualTo(1);
        browser.press("Tab");
        assertThat(active()).as("the open event's actions follow it").isEqualTo("Copy as JSON");
        browser.press("Escape");
        assertThat(active()).as("Esc closes the event and goes back to its line").isEqualTo(first);
        assertThat(browser.number("document.querySelectorAll('tr.detail-row').length")).isZero();
        browser.press("ArrowDown");
        assertThat(active()).as("arrow down moves to the next line").startsWith("row:").isNotEqualTo(first);

        browser.press("/");
        browser.type("card declined");
        browser.andWaitForLoad(() -> browser.press("Enter"));
        assertThat(param("q")).isEqualTo("card declined");
        List<String> messages = texts("#events tr.event td.message");
        assertThat(messages).isNotEmpty().allMatch(m -> m.contains("card declined"));
        browser.press("Escape");
        assertThat(browser.string("document.activeElement.tagName")).as("Esc leaves the search").isEqualTo("BODY");
    }

    @Test
    void clickingAFieldLoggerThreadOrCorrelationIdFiltersByIt() {
        open("#since=1h");
        browser.click("#events tr.event");
        assertThat(browser.number("document.querySelectorAll('tr.detail-row button.filter').length")).isGreaterThanOrEqualTo(6);
        String userId = browser.string("document.querySelector('tr.detail-row .pairs button.filter[data-filter=field]').textContent");
        assertThat(userId).startsWith("user_id=");
        browser.andWaitForLoad(() -> browser.click("tr.detail-row .pairs button.filter[data-filter=field]"));
        assertThat(hash()).contains("field=" + userId);
        assertThat(texts("#chips .chip")).contains(userId + " ×");
        assertThat(texts("#events tr.event td.message")).isNotEmpty().allMatch(m -> m.contains(userId));

        open("#since=1h");
        long line = browser.number("[...document.querySelectorAll('#events tr.event')].findIndex(r => r.querySelector('td.thread').textContent === "
                + dev.spool.cli.store.JsonLine.quoted(WebFixture.LONG_THREAD) + ") + 1");
        assertThat(line).as("a line on the long-named thread").isPositive();
        browser.click("#events tr.event:nth-of-type(" + line + ")");
        browser.andWaitForLoad(() -> browser.click("tr.detail-row button.filter[data-filter=thread]"));
        assertThat(param("thread")).isEqualTo(WebFixture.LONG_THREAD);
        List<String> threads = texts("#events tr.event td.thread");
        assertThat(threads).hasSize(100).allMatch(WebFixture.LONG_THREAD::equals);
        assertThat(browser.eval("(() => { const td = document.querySelector('#events td.thread'); return td.scrollWidth <= td.clientWidth; })()"))
                .as("the full thread name is shown, not cut").isEqualTo(true);
        browser.andWaitForLoad(() -> browser.click("#chips .chip"));
        assertThat(param("thread")).as("a click on its chip removes the filter").isNull();
        assertThat(texts("#events tr.event td.thread")).contains("http-nio-8080-exec-0");

        open("#since=1h");
        browser.click("#events tr.event");
        String correlation = browser.string("document.querySelector('tr.detail-row button.filter[data-filter=correlation_id]').textContent");
        browser.andWaitForLoad(() -> browser.click("tr.detail-row button.filter[data-filter=correlation_id]"));
        assertThat(hash()).contains("correlation_id=" + correlation);
        assertThat(texts("#events tr.event")).hasSizeBetween(1, 3);

        open("#since=1h");
        browser.click("#events tr.event");
        String tenant = browser.string("document.querySelector('tr.detail-row button.filter[data-filter=context]').textContent");
        assertThat(tenant).startsWith("tenant=t");
        browser.andWaitForLoad(() -> browser.click("tr.detail-row button.filter[data-filter=context]"));
        assertThat(browser.string("new URLSearchParams(location.hash.slice(1)).getAll('context').join()")).isEqualTo(tenant);
        assertThat(texts("#chips .chip")).contains("context " + tenant + " ×");
        assertThat(texts("#events tr.event")).as("a fifth of the events: one tenant").hasSizeBetween(10, 100);

        open("#since=1h");
        browser.andWaitForLoad(() -> browser.click("#stats-loggers button.filter"));
        String logger = browser.string("new URLSearchParams(location.hash.slice(1)).get('logger')");
        assertThat(List.of(WebFixture.LOGGERS)).contains(logger);
        assertThat(texts("#events tr.event td.logger")).isNotEmpty().allMatch(l -> l.equals(logger) || l.startsWith(logger + "."));
    }

    @Test
    void oneLevelControlSaysAtLeastOrExactly() {
        open("#since=1h");
        browser.eval("document.querySelector('select[name=level]').value = 'WARN'");
        browser.andWaitForLoad(() -> browser.eval("document.querySelector('#filters button[type=submit]').click()"));
        assertThat(hash()).contains("min_level=WARN");
        assertThat(texts("#events td.level")).contains("WARN", "ERROR").doesNotContain("INFO", "DEBUG");

        browser.eval("document.querySelector('select[name=level_mode]').value = 'exact'");
        browser.andWaitForLoad(() -> browser.eval("document.querySelector('#filters button[type=submit]').click()"));
        assertThat(hash()).contains("level=WARN").doesNotContain("min_level");
        assertThat(texts("#events td.level")).isNotEmpty().allMatch("WARN"::equals);
        assertThat(texts("#chips .chip")).contains("level = WARN ×");
    }

    @Test
    void theHistogramHasAxesAndZoomsByClickAndByDrag() {
        open("#since=1h");
        long bars = browser.number("document.querySelectorAll('#histogram rect.hbar').length");
        assertThat(bars).isBetween(10L, 200L);
        assertThat(browser.number("document.querySelectorAll('#histogram text.axis').length")).as("labels on both axes").isGreaterThan(5);
        assertThat(browser.number("document.querySelectorAll('#metric-chart polyline.avg').length")).isEqualTo(1);
        long seconds = browser.number("view.window.bucket_seconds");
        assertThat(seconds).isEqualTo(60);

        // a click on a bar in the middle: the range becomes that bar's minute
        String start = browser.string("document.querySelectorAll('#histogram rect.hbar')[30].dataset.start");
        browser.andWaitForLoad(() -> browser.click("#histogram rect.hbar:nth-of-type(31)"));
        Instant since = Instant.parse(browser.string("new URLSearchParams(location.hash.slice(1)).get('since')"));
        Instant until = Instant.parse(browser.string("new URLSearchParams(location.hash.slice(1)).get('until')"));
        assertThat(since).isEqualTo(Instant.parse(start));
        assertThat(Duration.between(since, until)).isEqualTo(Duration.ofMinutes(1));
        assertThat(texts("#events td.time")).isNotEmpty().allMatch(t -> t.startsWith(start.substring(0, 16).replace('T', ' ')));

        // a drag across the middle half of the chart
        open("#since=1h");
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) browser.eval("(() => { const r = document.querySelector('#histogram svg').getBoundingClientRect();"
                + " return [r.left, r.top, r.width, r.height]; })()");
        double y = box.get(1).doubleValue() + box.get(3).doubleValue() / 2;
        double x0 = box.get(0).doubleValue() + box.get(2).doubleValue() * 0.3;
        double x1 = box.get(0).doubleValue() + box.get(2).doubleValue() * 0.6;
        browser.andWaitForLoad(() -> {
            browser.mouse("mousePressed", x0, y);
            browser.mouse("mouseMoved", (x0 + x1) / 2, y);
            browser.mouse("mouseMoved", x1, y);
            browser.mouse("mouseReleased", x1, y);
        });
        Instant from = Instant.parse(browser.string("new URLSearchParams(location.hash.slice(1)).get('since')"));
        Instant to = Instant.parse(browser.string("new URLSearchParams(location.hash.slice(1)).get('until')"));
        assertThat(Duration.between(from, to).toMinutes()).as("a third of the hour").isBetween(15L, 21L);
        assertThat(browser.number("view.window.bucket_seconds")).as("finer bars in the narrower range").isLessThan(60);
        assertThat(browser.string("view.window.since")).startsWith(from.toString().substring(0, 19));

        browser.andWaitForLoad(() -> browser.click("#zoom-out"));
        Instant wider = Instant.parse(browser.string("new URLSearchParams(location.hash.slice(1)).get('since')"));
        assertThat(wider).isBefore(from);
    }

    @Test
    void presetsAndAbsoluteTimesChooseTheRange() {
        open("");
        browser.andWaitForLoad(() -> browser.eval("(() => { const r = document.getElementById('range'); r.value = '15m';"
                + " r.dispatchEvent(new Event('change')); })()"));
        assertThat(hash()).contains("since=15m");
        assertThat(browser.number("(view.window.until_micros - view.window.since_micros) / 60e6")).isEqualTo(15);
        String from = Instant.ofEpochSecond(nowMicros / 1_000_000 - 40 * 60).toString();
        String to = Instant.ofEpochSecond(nowMicros / 1_000_000 - 30 * 60).toString();
        browser.andWaitForLoad(() -> browser.eval("(() => { const f = document.getElementById('filters'); f.elements.since.value = '" + from
                + "'; f.elements.until.value = '" + to + "'; f.querySelector('button[type=submit]').click(); })()"));
        assertThat(browser.string("view.window.since")).startsWith(from.substring(0, 19));
        assertThat(browser.string("view.window.until")).startsWith(to.substring(0, 19));
        assertThat(browser.string("document.getElementById('range').value")).as("no preset for an absolute range").isEmpty();
        assertThat(texts("#events td.time")).isNotEmpty().allMatch(t -> t.substring(0, 19).compareTo(from.substring(0, 19).replace('T', ' ')) >= 0
                && t.substring(0, 19).compareTo(to.substring(0, 19).replace('T', ' ')) < 0);

        // without a zone, a date and time is the browser's local time, sent as a UTC instant
        browser.andWaitForLoad(() -> browser.eval("(() => { const f = document.getElementById('filters'); f.elements.since.value = '2026-12-05 10:00';"
                + " f.elements.until.value = ''; f.querySelector('button[type=submit]').click(); })()"));
        assertThat(param("since")).isEqualTo(browser.string("new Date(2026, 11, 5, 10, 0).toISOString()")).endsWith("Z");
    }

    @Test
    void anEventCopiesAsJsonAndShowsItsStackTraceWide() {
        browser.call("Browser.grantPermissions", new dev.spool.cli.store.JsonLine().raw("permissions",
                "[\"clipboardReadWrite\",\"clipboardSanitizedWrite\"]").string("origin", server.uri().toString().replaceAll("/$", "")));
        LogRecord failed = store.query(LogQuery.builder().text("order 1400 failed").limit(1).build()).records().get(0);
        open("#since=1h&level=ERROR");
        String row = "#events tr.event[data-id='" + failed.eventId() + "']";
        browser.click(row);
        assertThat(browser.string("document.querySelector('tr.detail-row pre.stack').textContent"))
                .startsWith("java.lang.IllegalStateException: payment provider answered 502")
                .contains("\tat ", "Caused by: java.io.IOException: connection reset by peer");
        assertThat(browser.string("getComputedStyle(document.querySelector('tr.detail-row pre.stack')).whiteSpace")).isEqualTo("pre");
        assertThat(browser.number("document.querySelector('tr.detail-row pre.stack').clientWidth"))
                .as("the stack trace spans the table").isGreaterThan(700);

        browser.click("tr.detail-row button");
        browser.waitUntil("document.querySelector('tr.detail-row .copy-status').textContent !== ''", Duration.ofSeconds(10));
        assertThat(browser.string("document.querySelector('tr.detail-row .copy-status').textContent")).isEqualTo("JSON copied");
        String copied = browser.string("navigator.clipboard.readText()");
        assertThat(copied).startsWith("{").contains("\"id\":\"" + failed.eventId() + "\"", "payment provider answered 502");
    }

    @Test
    void surroundingEventsAreTheNeighboursAcrossLoggersOrOnTheThread() {
        LogRecord middle = store.query(LogQuery.builder().thread(WebFixture.LONG_THREAD).limit(50).build()).records().get(40);
        open("#since=1h&event=" + middle.eventId() + "&thread=" + WebFixture.LONG_THREAD);
        browser.andWaitForLoad(() -> browser.click("tr.detail-row button[title^='the events just before and after this one, all']"));
        assertThat(browser.eval("document.getElementById('around').hidden")).isEqualTo(false);
        assertThat(texts("#around-events tr.event")).hasSize(21);
        assertThat(browser.string("document.querySelector('#around-events tr.anchor').dataset.id")).isEqualTo(middle.eventId());
        assertThat(texts("#around-events td.thread")).as("across threads").contains("http-nio-8080-exec-0", WebFixture.LONG_THREAD);
        assertThat(texts("#around-events td.time")).isSorted();

        browser.andWaitForLoad(() -> browser.press("Escape"));
        assertThat(browser.eval("document.getElementById('around').hidden")).isEqualTo(true);

        open("#since=1h&event=" + middle.eventId() + "&thread=" + WebFixture.LONG_THREAD);
        browser.andWaitForLoad(() -> browser.click("tr.detail-row button[title*='on its thread']"));
        assertThat(texts("#around-events td.thread")).hasSize(21).allMatch(WebFixture.LONG_THREAD::equals);
        assertThat(hash()).contains("around_thread=" + WebFixture.LONG_THREAD, "around_id=" + middle.eventId());
    }

    @Test
    void theLargestSamplesLeadToTheEventsLoggedAroundThem() {
        open("#since=1h&metric=request_duration");
        assertThat(texts("#metric-top tr")).hasSize(10);
        String time = texts("#metric-top td.time").get(0);
        browser.andWaitForLoad(() -> browser.click("#metric-top a"));
        assertThat(hash()).contains("around=" + time.replace(' ', 'T').substring(0, 19));
        assertThat(texts("#around-events tr.event")).hasSize(20);
        assertThat(texts("#around-events tr.moment")).hasSize(1);
    }

    @Test
    void liveTailKeepsItsStateInTheAddressAndMarksNewRows() {
        open("#since=1h&live=1");
        assertThat(browser.string("document.getElementById('live').getAttribute('aria-pressed')")).isEqualTo("true");
        assertThat(texts("#events tr.new")).as("nothing is new on opening").isEmpty();
        long ts = LogQuery.micros(Instant.now());
        try (StoreWriter writer = SqliteStore.writer(db)) {
            writer.write(List.of(TestEvent.event().id(EventId.high(ts / 1000), 42).timestampMicros(ts).level(Level.WARN)
                    .logger("app.live").thread("tail-test", 9).message("a row logged while the page watched")));
        }
        browser.waitUntil("[...document.querySelectorAll('#events tr.new')].some(r => r.textContent.includes('while the page watched'))",
                Duration.ofSeconds(20));
        assertThat(texts("#events tr.new")).hasSize(1);
        browser.eval("document.getElementById('live').click()");
        assertThat(hash()).doesNotContain("live=1");
    }

    @Test
    void eventsReadTheFileJsonSchemaAsWellAsTheQuerySchema() {
        open("#since=1h");
        @SuppressWarnings("unchecked")
        Map<String, Object> file = (Map<String, Object>) browser.eval("(() => { const e = readEvent({v: 1, id: 'X', ts: '2026-12-05T10:00:00.123456Z',"
                + " level: 'ERROR', logger: 'app.db', thread: 'main', thread_id: 1, msg: 'save failed', fields: {user_id: 42, ok: true},"
                + " context: {correlation_id: 'c-1', trace_id: 'tr-9'}, exception: {class: 'java.io.IOException', message: 'disk full',"
                + " stack: ['a.B.c(B.java:1)', {class: 'd.E', method: 'f', file: 'E.java', line: 7}],"
                + " cause: {class: 'java.lang.Error', message: 'x', frames: ['g.H.i(H.java:2)']}}});"
                + " return {micros: e.micros, message: e.message, correlation: e.correlationId, trace: e.traceId, exception: e.exception}; })()");
        assertThat(((Number) file.get("micros")).longValue()).isEqualTo(LogQuery.micros(Instant.parse("2026-12-05T10:00:00.123456Z")));
        assertThat(file).containsEntry("message", "save failed").containsEntry("correlation", "c-1").containsEntry("trace", "tr-9")
                .containsEntry("exception", "java.io.IOException: disk full\n\tat a.B.c(B.java:1)\n\tat d.E.f(E.java:7)\n"
                        + "Caused by: java.lang.Error: x\n\tat g.H.i(H.java:2)\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> query = (Map<String, Object>) browser.eval("(() => { const e = readEvent({id: 'Y', time: '2026-12-05T10:00:00.5Z',"
                + " ts_micros: 1764928800500000, level: 'INFO', logger: 'a', thread: 't', message: 'm', fields: {}, context: {},"
                + " correlation_id: 'c-2', exception: 'java.lang.X: y\\n\\tat z'});"
                + " return {micros: e.micros, message: e.message, correlation: e.correlationId, exception: e.exception}; })()");
        assertThat(((Number) query.get("micros")).longValue()).isEqualTo(1764928800500000L);
        assertThat(query).containsEntry("message", "m").containsEntry("correlation", "c-2").containsEntry("exception", "java.lang.X: y\n\tat z");
    }

    /**
     * The screenshots of docs/web.md, written when {@code -Dspool.screenshots=DIR} is set (see docs/web.md
     * "Screenshots"); without it, this only checks that a screenshot can be taken.
     */
    @Test
    void screenshotsOfTheMainViews() throws Exception {
        String target = System.getProperty("spool.screenshots");
        Path out = target == null ? Files.createDirectories(dir.resolve("screenshots")) : Files.createDirectories(Path.of(target));
        open("#since=1h&metric=request_duration");
        Files.write(out.resolve("web-view.png"), browser.screenshot());
        LogRecord failed = store.query(LogQuery.builder().text("order 1400 failed").limit(1).build()).records().get(0);
        open("#since=1h&min_level=WARN&event=" + failed.eventId());
        browser.eval("document.querySelector('tr.detail-row').scrollIntoView({block: 'center'})");
        Files.write(out.resolve("web-view-event.png"), browser.screenshot());
        open("#since=1h&around=" + Instant.ofEpochSecond(failed.timestampMicros() / 1_000_000) + "&around_thread=" + failed.thread());
        browser.eval("window.scrollTo(0, 0)");
        Files.write(out.resolve("web-view-around.png"), browser.screenshot());
        assertThat(Files.size(out.resolve("web-view.png"))).isGreaterThan(10_000);
    }
}
