package dev.spool.alert;

import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookIT {

    private static final long T0 = 1_763_769_300_000L;

    private HookReceiver receiver;
    private Capture diagnostics;
    private Alerts alerts = Alerts.NONE;
    private final ManualClock clock = new ManualClock(T0);

    @BeforeEach
    void start() throws IOException {
        receiver = new HookReceiver();
        diagnostics = new Capture();
    }

    @AfterEach
    void stop() {
        receiver.close();
        alerts.close();
        diagnostics.close();
    }

    private Alerts start(String... keyValues) {
        Map<String, String> raw = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        alerts = Alerts.start(AlertsConfig.parse(raw, n -> null, n -> null), clock, Duration.ofMillis(20));
        return alerts;
    }

    private static TestEvent event(Level level, String service, String logger, String message) {
        return TestEvent.event().level(level).resource(new Resource(service, "host-1", 7)).logger(logger)
                .message(message);
    }

    @Test
    void postsTheDocumentedJsonBodyWithHeadersFromTheEnvironment() {
        Properties p = new Properties();
        p.setProperty("alert.payments.action", "webhook");
        p.setProperty("alert.payments.webhook.url", receiver.url("/hooks/payments"));
        p.setProperty("alert.payments.webhook.header.Authorization", "Bearer ${env:HOOK_TOKEN}");
        p.setProperty("alert.payments.webhook.header.X-Team", "payments");
        p.setProperty("alert.payments.level", "ERROR");
        p.setProperty("alert.payments.service", "checkout");
        p.setProperty("alert.payments.logger", "prefix:app.pay");
        p.setProperty("alert.payments.count", "2");
        p.setProperty("alert.payments.window", "5m");
        p.setProperty("consumer.queue", "not an alert key");
        alerts = Alerts.fromProperties(p, Map.of("HOOK_TOKEN", "tok-123")::get);

        alerts.offer(event(Level.ERROR, "checkout", "app.pay.card", "payment 17 declined \"card\"\nretry")
                .id(0x0192_0000_0000_0001L, 1).timestampMicros(1_763_769_301_123_456L));
        alerts.offer(event(Level.WARN, "checkout", "app.pay.card", "payment 99 slow"));
        alerts.offer(event(Level.ERROR, "search", "app.pay.card", "payment 99 declined"));
        alerts.offer(event(Level.ERROR, "checkout", "app.web", "payment 99 declined"));
        alerts.offer(event(Level.FATAL, "checkout", "app.pay", "payment 18 declined \"card\"\nretry"));

        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests.size() == 1);
        HookReceiver.Request r = receiver.requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/payments");
        assertThat(r.header("Authorization")).isEqualTo("Bearer tok-123");
        assertThat(r.header("X-Team")).isEqualTo("payments");
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");

        Map<String, Object> body = r.json();
        assertThat(body).containsEntry("rule", "payments").containsEntry("kind", "alert").containsEntry("count", 2L)
                .containsEntry("otherCount", 0L);
        assertThat(body.get("condition")).isEqualTo(Map.of("level", "ERROR", "service", "checkout",
                "logger", "prefix:app.pay", "count", 2L, "window", "PT5M"));
        @SuppressWarnings("unchecked")
        Map<String, Object> window = (Map<String, Object>) body.get("window");
        assertThat((String) window.get("start")).endsWith("Z");
        assertThat(java.time.Duration.between(java.time.Instant.parse((String) window.get("start")),
                java.time.Instant.parse((String) window.get("end")))).isEqualTo(Duration.ofMinutes(5));
        assertThat(body.get("first")).isEqualTo(Map.of("id", dev.spool.EventId.toString(0x0192_0000_0000_0001L, 1),
                "time", "2025-11-21T23:55:01.123456Z", "level", "ERROR", "service", "checkout",
                "logger", "app.pay.card", "message", "payment 17 declined \"card\"\nretry"));
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) body.get("last");
        assertThat(last).containsEntry("level", "FATAL").containsEntry("logger", "app.pay")
                .containsEntry("message", "payment 18 declined \"card\"\nretry");
        assertThat(body.get("groups")).isEqualTo(List.of(
                Map.of("logger", "app.pay.card", "template", "payment # declined \"card\"\nretry", "count", 1L,
                        "sample", "payment 17 declined \"card\"\nretry"),
                Map.of("logger", "app.pay", "template", "payment # declined \"card\"\nretry", "count", 1L,
                        "sample", "payment 18 declined \"card\"\nretry")));
        assertThat(body.get("samples")).isEqualTo(List.of("payment 17 declined \"card\"\nretry",
                "payment 18 declined \"card\"\nretry"));

        AlertStats.RuleStats s = alerts.stats().rule("payments");
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("payments").delivered() == 1);
        assertThat(s.matched()).isEqualTo(2);
        assertThat(s.fired()).isEqualTo(1);
    }

    @Nested
    class RateLimitAndDedupe {
        @Test
        void oneAlertPerWindowThenOneDigestWithGroupedCounts() {
            start("alert.db.action", "webhook", "alert.db.webhook.url", receiver.url("/h"), "alert.db.window", "1m");
            alerts.offer(event(Level.ERROR, "s", "app.db", "timeout after 30 ms"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests.size() == 1);
            for (int i = 1; i <= 5; i++) {
                alerts.offer(event(Level.ERROR, "s", "app.db", "timeout after " + i + " ms"));
            }
            alerts.offer(event(Level.ERROR, "s", "app.db", "pool exhausted"));
            AlertStats.RuleStats s = alerts.stats().rule("db");
            assertThat(s.matched()).isEqualTo(7);
            assertThat(s.fired()).isEqualTo(1);
            assertThat(s.suppressed()).isEqualTo(6);
            assertThat(s.deduplicated()).isEqualTo(4);
            assertThat(receiver.requests).hasSize(1);

            clock.advance(Duration.ofMinutes(1));
            await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests.size() == 2);
            Map<String, Object> digest = receiver.requests.get(1).json();
            assertThat(digest).containsEntry("kind", "digest").containsEntry("count", 6L);
            assertThat(digest.get("groups")).isEqualTo(List.of(
                    Map.of("logger", "app.db", "template", "timeout after # ms", "count", 5L,
                            "sample", "timeout after 1 ms"),
                    Map.of("logger", "app.db", "template", "pool exhausted", "count", 1L, "sample", "pool exhausted")));
            await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("db").delivered() == 2);

            // A full quiet window later, the next match alerts at once again.
            clock.advance(Duration.ofMinutes(2));
            alerts.offer(event(Level.ERROR, "s", "app.db", "timeout after 1 ms"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests.size() == 3);
            assertThat(receiver.requests.get(2).json()).containsEntry("kind", "alert").containsEntry("count", 1L);
        }

        @Test
        void closeSendsTheDigestOfWhatIsHeldBack() {
            start("alert.db.action", "webhook", "alert.db.webhook.url", receiver.url("/h"), "alert.db.window", "1h");
            for (int i = 0; i < 3; i++) {
                alerts.offer(event(Level.ERROR, "s", "app.db", "boom " + i));
            }
            alerts.close();
            assertThat(receiver.requests).hasSize(2);
            assertThat(receiver.requests.get(1).json()).containsEntry("kind", "digest").containsEntry("count", 2L);
            assertThat(alerts.stats().rule("db").delivered()).isEqualTo(2);
        }
    }

    @Nested
    class SlowReceiver {
        @Test
        void offerReturnsWhileTheReceiverHangsAndQueueOverflowIsCountedAndReported() throws Exception {
            receiver.release = new CountDownLatch(1);
            start("alert.db.action", "webhook", "alert.db.webhook.url", receiver.url("/h"), "alert.db.window", "1s",
                    "alert.db.webhook.timeout", "60s", "alert.db.retries", "0", "alerts.queue.capacity", "2");
            alerts.offer(event(Level.ERROR, "s", "app.db", "first"));
            assertThat(receiver.entered.await(10, TimeUnit.SECONDS)).isTrue();

            // The sender is now stuck inside the first POST; each step below makes a new alert.
            for (int i = 0; i < 9; i++) {
                clock.advance(Duration.ofSeconds(1));
                alerts.offer(event(Level.ERROR, "s", "app.db", "next " + i));
            }
            AlertStats.RuleStats s = alerts.stats().rule("db");
            assertThat(receiver.release.getCount()).isEqualTo(1);
            assertThat(s.fired()).isEqualTo(10);
            assertThat(s.delivered()).isZero();
            assertThat(s.dropped()).isEqualTo(7);
            assertThat(diagnostics.text()).containsOnlyOnce("spool: alert rule 'db': send queue full (2 notifications");

            receiver.release.countDown();
            await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("db").delivered() == 3);
            assertThat(receiver.requests).hasSize(3);
            assertThat(receiver.requests.get(2).json().get("samples")).isEqualTo(List.of("next 1"));
        }
    }

    @Nested
    class FailingReceiver {
        @Test
        void serverErrorsAreRetriedThenCountedAsFailed() {
            receiver.status.set(500);
            start("alert.db.action", "webhook", "alert.db.webhook.url", receiver.url("/hooks/T0KEN-SECRET"),
                    "alert.db.retries", "2", "alert.db.backoff", "10ms");
            alerts.offer(event(Level.ERROR, "s", "app.db", "x"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("db").failed() == 1);
            AlertStats.RuleStats s = alerts.stats().rule("db");
            assertThat(receiver.requests).hasSize(3);
            assertThat(s.retried()).isEqualTo(2);
            assertThat(s.delivered()).isZero();
            assertThat(diagnostics.text()).contains("alert rule 'db': notification not delivered to http://127.0.0.1:")
                    .contains("after 3 attempts, counted as failed: POST to http://127.0.0.1:")
                    .contains("answered HTTP 500")
                    .doesNotContain("T0KEN-SECRET");
        }

        @Test
        void clientErrorsAreNotRetried() {
            receiver.status.set(400);
            start("alert.db.action", "webhook", "alert.db.webhook.url", receiver.url("/h"),
                    "alert.db.retries", "3", "alert.db.backoff", "10ms");
            alerts.offer(event(Level.ERROR, "s", "app.db", "x"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("db").failed() == 1);
            assertThat(receiver.requests).hasSize(1);
            assertThat(alerts.stats().rule("db").retried()).isZero();
        }

        @Test
        void connectionRefusedIsRetriedThenCountedAsFailed() throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            start("alert.db.action", "webhook", "alert.db.webhook.url", "http://127.0.0.1:" + port + "/hooks/T0KEN-SECRET?k=QSECRET",
                    "alert.db.retries", "1", "alert.db.backoff", "10ms");
            alerts.offer(event(Level.ERROR, "s", "app.db", "x"));
            await().atMost(20, TimeUnit.SECONDS).until(() -> alerts.stats().rule("db").failed() == 1);
            assertThat(alerts.stats().rule("db").retried()).isEqualTo(1);
            assertThat(diagnostics.text()).contains("after 2 attempts").contains("ConnectException")
                    .doesNotContain("T0KEN-SECRET").doesNotContain("QSECRET");
        }
    }
}
