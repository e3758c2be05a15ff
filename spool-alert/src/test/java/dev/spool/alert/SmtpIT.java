package dev.spool.alert;

import dev.spool.Level;
import dev.spool.spi.Options;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SmtpIT {

    private static final Map<String, String> ENV = Map.of("SMTP_USER", "alerts-bot", "SMTP_PASSWORD", "pa55-w0rd!x");

    private SmtpSink sink;
    private Capture diagnostics;
    private Alerts alerts = Alerts.NONE;

    @BeforeEach
    void startSink() throws IOException {
        sink = new SmtpSink();
        diagnostics = new Capture();
    }

    @AfterEach
    void stop() throws IOException {
        alerts.close();
        sink.close();
        diagnostics.close();
    }

    private Alerts startAlerts(String... more) {
        Properties p = new Properties();
        p.setProperty("alert.mail.action", "smtp");
        p.setProperty("alert.mail.smtp.host", "127.0.0.1");
        p.setProperty("alert.mail.smtp.port", String.valueOf(sink.port()));
        p.setProperty("alert.mail.smtp.from", "spool@example.com");
        p.setProperty("alert.mail.smtp.to", "ops@example.com, oncall@example.org");
        p.setProperty("alert.mail.smtp.helo", "consumer-1.example.com");
        p.setProperty("alert.mail.smtp.username", "${env:SMTP_USER}");
        p.setProperty("alert.mail.smtp.password", "${env:SMTP_PASSWORD}");
        p.setProperty("alert.mail.smtp.timeout", "10s");
        p.setProperty("alert.mail.backoff", "10ms");
        for (int i = 0; i < more.length; i += 2) {
            p.setProperty(more[i], more[i + 1]);
        }
        alerts = Alerts.fromProperties(p, ENV::get);
        return alerts;
    }

    private static TestEvent error(String message) {
        return TestEvent.event().level(Level.ERROR).logger("app.db").message(message);
    }

    private SmtpSink.Session awaitMail() {
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").delivered() == 1);
        assertThat(sink.sessions).hasSize(1);
        return sink.sessions.get(0);
    }

    @Test
    void sendsEnvelopeHeadersAndBodyAuthenticatingWithPlainCredentialsFromTheEnvironment() {
        startAlerts();
        alerts.offer(error("disk 3 full\n.and more"));
        SmtpSink.Session s = awaitMail();
        assertThat(s.hello).isEqualTo("consumer-1.example.com");
        assertThat(s.authMechanism).isEqualTo("PLAIN");
        assertThat(s.username).isEqualTo("alerts-bot");
        assertThat(s.password).isEqualTo("pa55-w0rd!x");
        assertThat(s.mailFrom).isEqualTo("spool@example.com");
        assertThat(s.rcptTo).containsExactly("ops@example.com", "oncall@example.org");
        assertThat(s.quit).isTrue();

        String[] parts = s.data.split("\r\n\r\n", 2);
        List<String> headers = List.of(parts[0].split("\r\n"));
        assertThat(headers).contains("From: spool@example.com", "To: ops@example.com, oncall@example.org",
                "Subject: [spool] mail: 1 matching event", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 7bit");
        assertThat(headers).anyMatch(h -> h.startsWith("Date: ")).anyMatch(h -> h.matches("Message-ID: <.+@spool.alerts>"));
        String body = parts[1];
        assertThat(body).startsWith("Spool alert for rule mail\r\n")
                .contains("Condition: level >= ERROR, service *, logger *, at least 1 per PT1M\r\n")
                .contains("Matches: 1\r\n")
                .contains("First: 2025-11-21T23:55:01.123456Z ERROR test-service app.db [")
                .contains("] disk 3 full\\n.and more\r\n")
                .contains("  1 x app.db: disk # full\\n.and more\r\n")
                .contains("  - disk 3 full\\n.and more");
    }

    @Test
    void authenticatesWithLoginWhenAsked() {
        startAlerts("alert.mail.smtp.auth", "login");
        alerts.offer(error("x"));
        SmtpSink.Session s = awaitMail();
        assertThat(s.authMechanism).isEqualTo("LOGIN");
        assertThat(s.username).isEqualTo("alerts-bot");
        assertThat(s.password).isEqualTo("pa55-w0rd!x");
    }

    @Test
    void sendsNoAuthWhenTheCredentialsResolveToNothing() {
        startAlerts("alert.mail.smtp.username", "${env:NO_SUCH_USER:-}", "alert.mail.smtp.password", "${env:NO_SUCH_PASSWORD:-}");
        alerts.offer(error("x"));
        SmtpSink.Session s = awaitMail();
        assertThat(s.authMechanism).isNull();
        assertThat(s.rcptTo).containsExactly("ops@example.com", "oncall@example.org");
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() {
        sink.replies.put("EHLO", "502 no extensions here");
        startAlerts("alert.mail.smtp.username", "", "alert.mail.smtp.password", "");
        alerts.offer(error("x"));
        SmtpSink.Session s = awaitMail();
        assertThat(s.hello).isEqualTo("consumer-1.example.com");
        assertThat(s.data).contains("Subject: [spool] mail: 1 matching event");
    }

    @Test
    void credentialsWithoutAuthOnTheServerFailClearly() {
        sink.extensions = "8BITMIME";
        startAlerts("alert.mail.retries", "3");
        alerts.offer(error("x"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").failed() == 1);
        assertThat(sink.sessions).hasSize(1);
        assertThat(diagnostics.text()).contains("offers no AUTH PLAIN or LOGIN (offered: none)");
    }

    @Test
    void nonAsciiTextGoesAsBase64() {
        startAlerts();
        alerts.offer(error("café ☕ fermé"));
        SmtpSink.Session s = awaitMail();
        String[] parts = s.data.split("\r\n\r\n", 2);
        assertThat(parts[0]).contains("Content-Transfer-Encoding: base64");
        String body = new String(Base64.getMimeDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(body).contains("  - café ☕ fermé");
    }

    @Test
    void aLostQuitReplyDoesNotSendTheMailTwice() {
        sink.hangUpOnQuit = true;
        startAlerts("alert.mail.retries", "3");
        alerts.offer(error("x"));
        SmtpSink.Session s = awaitMail();
        assertThat(s.data).isNotNull();
        assertThat(alerts.stats().rule("mail").retried()).isZero();
    }

    @Test
    void transientRefusalsAreRetriedThenCountedAsFailed() {
        sink.replies.put("RCPT", "451 4.3.0 try again later");
        startAlerts("alert.mail.retries", "2");
        alerts.offer(error("x"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").failed() == 1);
        assertThat(sink.sessions).hasSize(3);
        assertThat(alerts.stats().rule("mail").retried()).isEqualTo(2);
        assertThat(diagnostics.text()).contains("refused RCPT TO:<ops@example.com>: 451 4.3.0 try again later");
    }

    @Test
    void permanentRefusalsAreNotRetriedAndThePasswordIsNeverShown() {
        sink.replies.put("AUTH", "535 5.7.8 credentials pa55-w0rd!x rejected");
        startAlerts("alert.mail.retries", "3");
        alerts.offer(error("x"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").failed() == 1);
        assertThat(sink.sessions).hasSize(1);
        assertThat(alerts.stats().rule("mail").retried()).isZero();
        assertThat(diagnostics.text()).contains("refused AUTH PLAIN: 535 5.7.8 credentials **** rejected")
                .doesNotContain("pa55-w0rd!x");
    }

    @Test
    void starttlsRequiredButNotOfferedFailsWithoutSendingCredentials() {
        startAlerts("alert.mail.smtp.starttls", "true", "alert.mail.retries", "3");
        alerts.offer(error("x"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").failed() == 1);
        assertThat(sink.sessions).hasSize(1);
        assertThat(sink.sessions.get(0).authMechanism).isNull();
        assertThat(sink.sessions.get(0).mailFrom).isNull();
        assertThat(diagnostics.text()).contains("does not offer STARTTLS");
    }

    @Nested
    class Starttls {
        private SmtpSettings settings(String... more) {
            Map<String, String> o = new java.util.HashMap<>(Map.of("smtp.host", "127.0.0.1",
                    "smtp.port", String.valueOf(sink.port()), "smtp.from", "spool@example.com",
                    "smtp.to", "ops@example.com", "smtp.username", "alerts-bot", "smtp.password", "pa55-w0rd!x",
                    "smtp.starttls", "true", "smtp.timeout", "10s"));
            for (int i = 0; i < more.length; i += 2) {
                o.put(more[i], more[i + 1]);
            }
            return SmtpSettings.parse(new Options("alert.mail.", o));
        }

        private void startWith(SmtpAction action) {
            AlertRule rule = new AlertRule("mail", Level.ERROR, NameMatcher.ANY, NameMatcher.ANY, 1,
                    Duration.ofMinutes(1), 5, 10, 0, Duration.ZERO, action);
            alerts = Alerts.start(new AlertsConfig(List.of(rule), 10, Duration.ofSeconds(5)), Clock.systemUTC(),
                    Alerts.TICK);
        }

        @Test
        void upgradesBeforeAuthAndMailAndChecksTheCertificate(@TempDir Path dir) throws Exception {
            TestCertificate cert = new TestCertificate(dir);
            sink.tls = cert.server;
            startWith(new SmtpAction(settings(), cert.client.getSocketFactory()));
            alerts.offer(error("over tls"));
            SmtpSink.Session s = awaitMail();
            assertThat(s.tls).isTrue();
            assertThat(s.authOverTls).isTrue();
            assertThat(s.password).isEqualTo("pa55-w0rd!x");
            assertThat(s.data).contains("  - over tls");
        }

        @Test
        void anUntrustedCertificateFailsBeforeAnyCredentialIsSent(@TempDir Path dir) throws Exception {
            sink.tls = new TestCertificate(dir).server;
            startWith(new SmtpAction(settings(), (SSLSocketFactory) SSLSocketFactory.getDefault()));
            alerts.offer(error("x"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").failed() == 1);
            assertThat(sink.sessions.get(0).authMechanism).isNull();
            assertThat(diagnostics.text()).contains("failed at STARTTLS: SSLHandshakeException");
        }
    }

    /** SMTPS (implicit TLS, the port 465 way): TLS from the first byte, certificate and host name checked. */
    @Nested
    class ImplicitTls {
        private SmtpSettings settings(int port) {
            Map<String, String> o = Map.of("smtp.host", "127.0.0.1", "smtp.port", String.valueOf(port),
                    "smtp.from", "spool@example.com", "smtp.to", "ops@example.com", "smtp.username", "alerts-bot",
                    "smtp.password", "pa55-w0rd!x", "smtp.tls", "true", "smtp.timeout", "10s");
            return SmtpSettings.parse(new Options("alert.mail.", o));
        }

        private void startWith(SmtpAction action) {
            AlertRule rule = new AlertRule("mail", Level.ERROR, NameMatcher.ANY, NameMatcher.ANY, 1,
                    Duration.ofMinutes(1), 5, 10, 0, Duration.ZERO, action);
            alerts = Alerts.start(new AlertsConfig(List.of(rule), 10, Duration.ofSeconds(5)), Clock.systemUTC(),
                    Alerts.TICK);
        }

        @Test
        void sendsOverTlsFromTheFirstByteAndAuthenticatesInside(@TempDir Path dir) throws Exception {
            TestCertificate cert = new TestCertificate(dir);
            try (SmtpSink smtps = new SmtpSink(cert.server)) {
                startWith(new SmtpAction(settings(smtps.port()), cert.client.getSocketFactory()));
                alerts.offer(error("over smtps"));
                await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").delivered() == 1);
                SmtpSink.Session s = smtps.sessions.get(0);
                assertThat(s.tls).isTrue();
                assertThat(s.password).isEqualTo("pa55-w0rd!x");
                assertThat(s.rcptTo).containsExactly("ops@example.com");
                assertThat(s.data).contains("  - over smtps");
            }
        }

        @Test
        void anUntrustedCertificateFailsBeforeAnyCommand(@TempDir Path dir) throws Exception {
            try (SmtpSink smtps = new SmtpSink(new TestCertificate(dir).server)) {
                startWith(new SmtpAction(settings(smtps.port()), (SSLSocketFactory) SSLSocketFactory.getDefault()));
                alerts.offer(error("x"));
                await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").failed() == 1);
                assertThat(diagnostics.text()).contains("failed at TLS handshake: SSLHandshakeException");
                assertThat(smtps.sessions.stream().allMatch(x -> x.hello == null && x.password == null)).isTrue();
            }
        }

        @Test
        void isTheDefaultOnPort465AndExcludesStarttls() {
            Map<String, String> o = new java.util.HashMap<>(Map.of("smtp.host", "mail.example.com", "smtp.port", "465",
                    "smtp.from", "spool@example.com", "smtp.to", "ops@example.com"));
            assertThat(SmtpSettings.parse(new Options("alert.mail.", o)).tls()).isTrue();
            o.put("smtp.port", "587");
            assertThat(SmtpSettings.parse(new Options("alert.mail.", o)).tls()).isFalse();
            o.put("smtp.tls", "true");
            o.put("smtp.starttls", "true");
            assertThatThrownBy(() -> SmtpSettings.parse(new Options("alert.mail.", o)))
                    .hasMessageContaining("'alert.mail.smtp.tls' and 'alert.mail.smtp.starttls' are both true");
        }
    }

    @Test
    void deadServerIsRetriedThenCountedAsFailed() throws IOException {
        // A port nobody listens on: bound, then closed before anything could accept on it. (Closing the
        // sink while its acceptor thread waits in accept() proved not to refuse connections at once.)
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        startAlerts("alert.mail.retries", "1", "alert.mail.smtp.port", String.valueOf(port));
        alerts.offer(error("x"));
        await().atMost(20, TimeUnit.SECONDS).until(() -> alerts.stats().rule("mail").failed() == 1);
        assertThat(alerts.stats().rule("mail").retried()).isEqualTo(1);
        assertThat(alerts.stats().rule("mail").delivered()).isZero();
        assertThat(diagnostics.text()).contains("failed at connect: ConnectException");
    }
}
