package dev.spool.cli.web;

import dev.spool.cli.store.JsonLine;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogQuery;
import dev.spool.store.StoreWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static dev.spool.cli.web.AuditFixture.CLOSED;
import static dev.spool.cli.web.AuditFixture.DELETED;
import static dev.spool.cli.web.AuditFixture.RUNNING;
import static dev.spool.cli.web.AuditFixture.VANISHED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Audit panel in headless Chromium driven through the DevTools protocol, over a real SQLite store
 * holding the ledgers and events of {@link AuditFixture}'s three instances: opened from the header, it
 * shows what {@code spool audit} shows; rows deleted from the store turn the vanished instance's line
 * red with the exact count; hostile service and host names stay text. With {@code -Dspool.screenshots=DIR}
 * it writes the panel's screenshot of docs/web.md there.
 */
class AuditPanelIT {

    @TempDir
    static Path dir;

    private static Path db;
    private static SqliteStore store;
    private static WebServer server;
    private static Cdp browser;

    @BeforeAll
    static void fillServeAndOpenTheBrowser() throws Exception {
        db = dir.resolve("spool.db");
        try (StoreWriter writer = SqliteStore.writer(db)) {
            AuditFixture.write(writer, LogQuery.micros(Instant.now()));
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

    @AfterEach
    void noErrorsAndNothingInjected() {
        // the one error expected is the browser's note of the 400 aBadValueInTheAddressShowsTheServersReason asks for
        assertThat(browser.console()).as("the page's console").noneMatch(l -> l.contains("Uncaught")
                || l.contains("Content Security Policy") || l.startsWith("error") && !l.contains("status of 400"));
        assertThat(browser.string("document.title")).doesNotContain("pwned");
        assertThat(browser.number("document.querySelectorAll('#audit img, #audit script').length")).isZero();
    }

    private static void open(String hash) {
        browser.open(URI.create(server.uri() + hash));
    }

    /** The text of the cell of the column {@code key} in the line of {@code instance}. */
    private static String cell(AuditFixture.Instance instance, String key) {
        return browser.string("document.querySelector('#audit-rows tr[data-instance=\"" + instance.nodeText()
                + "\"] td[data-key=\"" + key + "\"]').textContent");
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(String selector) {
        return (List<String>) browser.eval("[...document.querySelectorAll(" + JsonLine.quoted(selector) + ")].map(e => e.textContent)");
    }

    private static String summary() {
        return browser.string("document.getElementById('audit-summary').textContent");
    }

    @Test
    void theHeaderOpensThePanelThatShowsWhatSpoolAuditShowsAndADeletedGapTurnsItsLineRed() throws Exception {
        open("");
        assertThat(browser.eval("document.getElementById('audit').hidden")).isEqualTo(true);
        browser.andWaitForLoad(() -> browser.click("#audit-toggle"));
        assertThat(browser.string("location.hash")).contains("audit=1");
        assertThat(browser.eval("document.getElementById('audit').hidden")).isEqualTo(false);
        assertThat(browser.string("document.getElementById('audit-toggle').getAttribute('aria-pressed')")).isEqualTo("true");
        assertThat(texts("#audit-head th")).containsExactly("Instance", "Service", "Host", "PID", "Destination", "Sent",
                "Stored", "Missing", "In flight", "Failed", "Dropped", "State", "Last ledger (UTC)", "Path", "Gap");
        assertThat(texts("#audit-rows tr")).hasSize(3);
        assertThat(summary()).isEqualTo("0 missing across 3 instances");
        assertThat(texts("#audit-rows tr.missing")).isEmpty();

        assertThat(cell(CLOSED, "service")).isEqualTo("shop");
        assertThat(cell(CLOSED, "sent")).isEqualTo("60");
        assertThat(cell(CLOSED, "dropped")).isEqualTo("queue_full=3");
        assertThat(cell(CLOSED, "state")).isEqualTo("CLOSED");
        assertThat(cell(RUNNING, "sent")).isEqualTo("25");
        assertThat(cell(RUNNING, "stored")).isEqualTo("30");
        assertThat(cell(RUNNING, "in_flight")).isEqualTo("5");
        assertThat(cell(RUNNING, "state")).isEqualTo("RUNNING");
        assertThat(cell(VANISHED, "service")).as("hostile text shown as text").isEqualTo(AuditFixture.HOSTILE_SERVICE);
        assertThat(cell(VANISHED, "host")).isEqualTo(AuditFixture.HOSTILE_HOST);
        assertThat(cell(VANISHED, "failed")).isEqualTo("2");
        assertThat(cell(VANISHED, "state")).isEqualTo("SILENT");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(AuditFixture.deleteGap())).isEqualTo(DELETED);
        }
        open("#audit=1");
        assertThat(summary()).isEqualTo("1 instance with missing events (7 missing)");
        assertThat(browser.string("document.getElementById('audit-summary').className")).isEqualTo("bad");
        assertThat(browser.eval("[...document.querySelectorAll('#audit-rows tr.missing')].map(r => r.dataset.instance)"))
                .isEqualTo(List.of(VANISHED.nodeText()));
        assertThat(cell(VANISHED, "sent")).isEqualTo("40");
        assertThat(cell(VANISHED, "stored")).isEqualTo("33");
        assertThat(cell(VANISHED, "missing")).isEqualTo("7");
        assertThat(cell(VANISHED, "gap_at")).as("no relay ledgers in this store: the hop is unknown").isEqualTo("unplaced");
        assertThat(cell(VANISHED, "relays")).isEqualTo("–");
        assertThat(cell(RUNNING, "gap_at")).isEqualTo("–");
        assertThat(browser.string("getComputedStyle(document.querySelector('#audit-rows tr.missing')).backgroundColor"))
                .as("the line with missing events is highlighted").isEqualTo("rgb(255, 235, 233)");
        assertThat(browser.string("getComputedStyle(document.querySelector('#audit-rows tr:not(.missing)')).backgroundColor"))
                .isNotEqualTo("rgb(255, 235, 233)");
        screenshot();
    }

    private static void screenshot() throws Exception {
        String target = System.getProperty("spool.screenshots");
        if (target != null) {
            browser.eval("document.getElementById('audit').scrollIntoView()");
            Files.write(Files.createDirectories(Path.of(target)).resolve("web-view-audit.png"), browser.screenshot());
        }
    }

    @Test
    void theWindowAndSilenceControlsAskAgainAndLiveInTheAddress() {
        open("#audit=1");
        assertThat(texts("#audit-rows tr")).hasSize(3);
        browser.andWaitForLoad(() -> browser.eval("(() => { const s = document.getElementById('audit-since'); s.value = '1h';"
                + " s.dispatchEvent(new Event('change')); })()"));
        assertThat(browser.string("location.hash")).contains("audit_since=1h");
        assertThat(texts("#audit-rows tr")).as("the vanished instance's ledger is two hours old").hasSize(2);
        assertThat(summary()).isEqualTo("0 missing across 2 instances");

        open("#audit=1&silent_after=3h");
        assertThat(browser.string("document.getElementById('audit-silent').value")).isEqualTo("3h");
        assertThat(cell(VANISHED, "state")).isEqualTo("RUNNING");
        browser.andWaitForLoad(() -> browser.click("#audit-close"));
        assertThat(browser.eval("document.getElementById('audit').hidden")).isEqualTo(true);
        assertThat(browser.string("location.hash")).doesNotContain("audit");
    }

    @Test
    void aBadValueInTheAddressShowsTheServersReason() {
        open("#audit=1&audit_since=yesterday");
        assertThat(browser.string("document.getElementById('error').textContent"))
                .contains("/api/audit: 400", "parameter 'since'", "yesterday");
        assertThat(summary()).isEqualTo("not read");
        assertThat(texts("#audit-rows tr")).isEmpty();
    }

    @Test
    void anEntryMemberWithoutAColumnIsStillShown() {
        open("#audit=1");
        browser.eval("drawAudit({entries: [{instance: 'NODE0001', service: 's', host: 'h', pid: 1, destination: 'd',"
                + " pipelines: 1, sent: 5, stored: 5, missing: 0, in_flight: 0, failed: 0, dropped: {}, state: 'running',"
                + " last_ledger: '2026-12-06T00:00:00Z', dead_lettered: 4}], instances: 1, instances_missing: 0, missing: 0})");
        assertThat(texts("#audit-head th")).last().isEqualTo("Other");
        assertThat(texts("#audit-rows tr td")).last().isEqualTo("dead_lettered=4");
        assertThat(texts("#audit-rows tr td")).doesNotContain("pipelines=1");
    }

    @Test
    void relayLedgersShowEachLinesPathAndTheRelaysOwnTable() throws Exception {
        Path relayed = dir.resolve("relayed.db");
        long now = LogQuery.micros(Instant.now());
        try (StoreWriter writer = SqliteStore.writer(relayed)) {
            AuditFixture.write(writer, now);
            AuditFixture.writeRelay(writer, now);
        }
        try (SqliteStore other = SqliteStore.open(relayed);
             WebServer second = WebServer.start(other, "sqlite:" + relayed,
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            browser.open(URI.create(second.uri() + "#audit=1"));
            assertThat(cell(CLOSED, "relays")).isEqualTo("collector 60→60");
            assertThat(cell(RUNNING, "relays")).isEqualTo("–");
            assertThat(browser.eval("document.getElementById('audit-relays').hidden")).isEqualTo(false);
            assertThat(texts("#audit-relay-head th")).containsExactly("Relay", "Role", "Service", "Host", "PID",
                    "Producers", "Received", "Written", "Duplicates", "Failed", "Dead-lettered", "Rejected", "State",
                    "Last ledger (UTC)");
            assertThat(texts("#audit-relay-rows tr[data-relay=\"" + AuditFixture.COLLECTOR.nodeText() + "\"] td"))
                    .containsSequence("collector", "collector", "gw-1", "404", "1", "60", "60", "0", "0", "0", "0", "CLOSED");
        }
        open("#audit=1");
        assertThat(browser.eval("document.getElementById('audit-relays').hidden")).as("no relay ledgers in this store")
                .isEqualTo(true);
    }
}
