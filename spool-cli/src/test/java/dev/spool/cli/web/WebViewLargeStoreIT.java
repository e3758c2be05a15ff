package dev.spool.cli.web;

import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogQuery;
import dev.spool.store.StoreWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web view over a large SQLite store: {@code -Dspool.web.events=N} events (default 100,000) over the
 * last 7 days, written through the store writer, then the page opened and used in Chromium and each API
 * request the page makes timed, {@code -Dspool.web.runs=R} times each (default 3). The times are printed
 * and written to {@code target/web-view-large-store.md}; they are measurements for docs/web.md, not
 * assertions (a shared machine's timings are no test). The assertions are that the page works at this
 * size: the newest 100 events, the histogram counting all of them, an event opening on Enter.
 *
 * <p>Writing a million events takes about a minute on the 2-core CI machine, too long for every build; the
 * million-event run is its own command (docs/web.md "Response times on 1 million events"):
 * {@code mvn -B -P '!jdk25' -pl spool-cli -am verify -Dtest=NONE -Dit.test=WebViewLargeStoreIT
 * -Dspool.web.events=1000000 -Dspool.web.runs=7 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WebViewLargeStoreIT {

    private static final long EVENTS = Long.getLong("spool.web.events", 100_000L);
    private static final int RUNS = Integer.getInteger("spool.web.runs", 3);

    @TempDir
    static Path dir;

    private static SqliteStore store;
    private static WebServer server;
    private static Cdp browser;
    private static long fillMillis;
    private static final Map<String, String> TIMES = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeAll
    static void fillAndServe() throws Exception {
        Path db = dir.resolve("large.db");
        long now = LogQuery.micros(Instant.now());
        long start = System.nanoTime();
        try (StoreWriter writer = SqliteStore.writer(db)) {
            WebFixture.fill(writer, EVENTS, now - 7 * 86_400_000_000L, now - 1_000_000L, 1L << 32);
        }
        fillMillis = (System.nanoTime() - start) / 1_000_000;
        store = SqliteStore.open(db);
        server = WebServer.start(store, "sqlite:" + db, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        browser = Cdp.launch(Files.createDirectories(dir.resolve("chromium")), 1440, 900);
    }

    @AfterAll
    static void report() throws Exception {
        try {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%,d events (%,d metric samples) written in %,d ms%n%n",
                    EVENTS, (EVENTS + 4) / 10, fillMillis));
            table.append("| request | median | max |\n| --- | ---: | ---: |\n");
            TIMES.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            System.out.println(table);
            Files.writeString(Files.createDirectories(Path.of("target")).resolve("web-view-large-store.md"), table);
        } finally {
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
    }

    /** Median and max of {@link #RUNS} sequential runs, in ms, recorded under {@code name}. */
    private static void time(String name, Runnable request) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            request.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        TIMES.put(name, String.format(Locale.ROOT, "%.1f ms | %.1f ms", ms.get(RUNS / 2), ms.get(RUNS - 1)));
    }

    private static void api(String target) {
        time("`" + target + "`", () -> {
            try {
                Http.Response r = Http.get(server.uri(), target);
                assertThat(r.status()).as("%s answered %s", target, r.body()).isEqualTo(200);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void thePageWorksOnALargeStoreAndItsRequestsAreTimed() {
        browser.open(URI.create(server.uri() + "#since=all"));
        assertThat(browser.number("document.querySelectorAll('#events tr.event').length")).isEqualTo(100);
        assertThat(browser.number("view.window.total")).isEqualTo(EVENTS);
        assertThat(browser.number("document.querySelectorAll('#histogram rect.hbar').length")).isBetween(10L, 200L);
        browser.eval("document.querySelector('#events tr.event').focus()");
        browser.press("Enter");
        assertThat(browser.number("document.querySelectorAll('#events tr.detail-row').length")).isEqualTo(1);

        time("page, last hour (`#since=1h`), opened until all its reads ended", () -> browser.open(URI.create(server.uri() + "#since=1h")));
        time("page, everything (`#since=all`), opened until all its reads ended", () -> browser.open(URI.create(server.uri() + "#since=all")));
        String middle = Instant.ofEpochMilli(System.currentTimeMillis() - 3 * 86_400_000L).toString();
        api("/api/logs?since=1h&limit=100");
        api("/api/logs?limit=100");
        api("/api/logs?min_level=ERROR&limit=100");
        api("/api/logs?q=card+declined&limit=100");
        api("/api/histogram?since=1h&buckets=100&top=8");
        api("/api/histogram?since=24h&buckets=100&top=8");
        api("/api/histogram?buckets=100&top=8");
        api("/api/histogram?min_level=ERROR&buckets=100&top=8");
        api("/api/logs/around?time=" + middle);
        api("/api/logs/around?time=" + middle + "&thread=" + WebFixture.LONG_THREAD);
        api("/api/metrics?name=request_duration&since=1h&bucket=60s");
        api("/api/metrics?name=request_duration&bucket=6300s");
        api("/api/metrics/top?name=request_duration&limit=10");
        assertThat(TIMES).hasSize(15);
    }
}
