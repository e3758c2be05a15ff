package dev.spool.alert;

import dev.spool.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsConfigTest {

    private static final Function<String, String> NO_SYS = name -> null;

    private final Map<String, String> env = new HashMap<>();
    private AlertsConfig parsed;

    @AfterEach
    void closeActions() {
        if (parsed != null) {
            parsed.rules().forEach(r -> r.action().close());
        }
    }

    private AlertsConfig parse(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        parsed = AlertsConfig.parse(raw, NO_SYS, env::get);
        return parsed;
    }

    private static String[] webhook(String name, String... more) {
        String[] base = {"alert." + name + ".action", "webhook", "alert." + name + ".webhook.url", "http://127.0.0.1:9/hook"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Nested
    class Defaults {
        @Test
        void aWebhookRuleNeedsOnlyActionAndUrl() {
            AlertsConfig c = parse(webhook("db"));
            assertThat(c.queueCapacity()).isEqualTo(1000);
            assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
            AlertRule r = c.rules().get(0);
            assertThat(r.name()).isEqualTo("db");
            assertThat(r.level()).isEqualTo(Level.ERROR);
            assertThat(r.count()).isEqualTo(1);
            assertThat(r.window()).isEqualTo(Duration.ofMinutes(1));
            assertThat(r.samples()).isEqualTo(5);
            assertThat(r.groups()).isEqualTo(10);
            assertThat(r.retries()).isEqualTo(3);
            assertThat(r.backoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(r.service()).isSameAs(NameMatcher.ANY);
            assertThat(r.action().target()).isEqualTo("http://127.0.0.1:9");
        }

        @Test
        void otherKeysOfTheFileAreLeftAlone() {
            AlertsConfig c = parse("amqp.uri", "${env:UNSET}", "queue.capacity", "nonsense");
            assertThat(c.rules()).isEmpty();
        }

        @Test
        void aDisabledRuleIsValidatedButNotKept() {
            assertThat(parse(webhook("db", "alert.db.enabled", "false")).rules()).isEmpty();
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.enabled", "false", "alert.db.count", "0")))
                    .hasMessageContaining("alert.db.count");
        }

        @Test
        void readsEveryConditionKey() {
            AlertRule r = parse(webhook("db", "alert.db.level", "warn", "alert.db.service", "checkout, web-*",
                    "alert.db.logger", "prefix:app.db", "alert.db.count", "5", "alert.db.window", "30s",
                    "alert.db.samples", "0", "alert.db.groups", "2", "alert.db.retries", "0",
                    "alert.db.backoff", "250ms")).rules().get(0);
            assertThat(r.level()).isEqualTo(Level.WARN);
            assertThat(r.matches(Level.ERROR, "web-1", "app.db.pool")).isTrue();
            assertThat(r.matches(Level.INFO, "web-1", "app.db.pool")).isFalse();
            assertThat(r.matches(Level.ERROR, "search", "app.db")).isFalse();
            assertThat(r.matches(Level.ERROR, "checkout", "app.web")).isFalse();
            assertThat(r.count()).isEqualTo(5);
            assertThat(r.window()).isEqualTo(Duration.ofSeconds(30));
            assertThat(r.backoff()).isEqualTo(Duration.ofMillis(250));
        }

        @Test
        void readsTheSmtpKeys() {
            env.put("SMTP_PASSWORD", "s3cret-pass");
            AlertRule r = parse("alert.m.action", "smtp", "alert.m.smtp.host", "127.0.0.1", "alert.m.smtp.port", "2525",
                    "alert.m.smtp.from", "spool@example.com", "alert.m.smtp.to", "a@example.com, b@example.com",
                    "alert.m.smtp.username", "spool", "alert.m.smtp.password", "${env:SMTP_PASSWORD}",
                    "alert.m.smtp.auth", "LOGIN", "alert.m.smtp.starttls", "true").rules().get(0);
            assertThat(r.action().target()).isEqualTo("smtp://127.0.0.1:2525");
            SmtpSettings s = SmtpSettings.parse(new dev.spool.spi.Options("alert.m.", Map.of(
                    "smtp.host", "h", "smtp.from", "a@b.c", "smtp.to", "d@e.f",
                    "smtp.username", "u", "smtp.password", "s3cret-pass")));
            assertThat(s.port()).isEqualTo(25);
            assertThat(s.auth()).isEqualTo("auto");
            assertThat(s.starttls()).isFalse();
            assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(s.toString()).doesNotContain("s3cret-pass").contains("****");
        }
    }

    @Nested
    class Errors {
        @Test
        void missingActionNamesTheKeyAndChoices() {
            assertThatThrownBy(() -> parse("alert.db.level", "ERROR"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("missing key 'alert.db.action': expected webhook or smtp");
        }

        @Test
        void unknownActionNamesValueAndChoices() {
            assertThatThrownBy(() -> parse("alert.db.action", "pager"))
                    .hasMessage("bad value 'pager' for key 'alert.db.action': expected one of [smtp, webhook]");
        }

        @Test
        void badLevelCountWindowAndRetries() {
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.level", "LOUD")))
                    .hasMessageContaining("'LOUD'").hasMessageContaining("'alert.db.level'").hasMessageContaining("FATAL");
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.count", "0")))
                    .hasMessage("bad value '0' for key 'alert.db.count': expected an integer from 1 to 1000000");
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.window", "soon")))
                    .hasMessageContaining("'soon'").hasMessageContaining("'alert.db.window'").hasMessageContaining("1m");
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.window", "0s")))
                    .hasMessageContaining("'alert.db.window'").hasMessageContaining("above 0");
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.retries", "-1")))
                    .hasMessageContaining("'alert.db.retries'").hasMessageContaining("0 to 100");
        }

        @Test
        void unknownKeysListWhatTheActionAccepts() {
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.levle", "ERROR")))
                    .hasMessageStartingWith("unknown key 'alert.db.levle' for action webhook: accepted keys are [")
                    .hasMessageContaining("webhook.url");
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.smtp.host", "mail")))
                    .hasMessageContaining("unknown key 'alert.db.smtp.host' for action webhook");
            assertThatThrownBy(() -> parse("alerts.queue.size", "5"))
                    .hasMessageContaining("unknown key 'alerts.queue.size'").hasMessageContaining("queue.capacity");
            assertThatThrownBy(() -> parse("alert.db", "x"))
                    .hasMessage("unknown key 'alert.db': expected alert.NAME.OPTION");
        }

        @Test
        void badRuleName() {
            assertThatThrownBy(() -> parse(webhook("d b")))
                    .hasMessageContaining("bad rule name 'd b'");
        }

        @Test
        void webhookUrlIsCheckedButNeverShown() {
            assertThatThrownBy(() -> parse("alert.db.action", "webhook", "alert.db.webhook.url", "ftp://x/T0KEN-123"))
                    .hasMessageContaining("'alert.db.webhook.url'").hasMessageContaining("http:// or https://")
                    .hasMessageNotContaining("T0KEN-123");
            assertThatThrownBy(() -> parse("alert.db.action", "webhook"))
                    .hasMessage("missing key 'alert.db.webhook.url'");
        }

        @Test
        void headerValuesAreMaskedInErrors() {
            env.put("TOKEN", "Bearer abc\ndef");
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.webhook.header.Authorization", "${env:TOKEN}")))
                    .hasMessageContaining("'alert.db.webhook.header.Authorization'")
                    .hasMessageContaining("****")
                    .hasMessageNotContaining("abc");
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.webhook.header.Host", "x")))
                    .hasMessageContaining("alert.db.webhook.header.Host").hasMessageContaining("host");
        }

        @Test
        void unsetEnvironmentVariableNamesKeyAndVariable() {
            assertThatThrownBy(() -> parse(webhook("db", "alert.db.webhook.header.Authorization", "Bearer ${env:HOOK_TOKEN}")))
                    .hasMessageContaining("'alert.db.webhook.header.Authorization'")
                    .hasMessageContaining("${env:HOOK_TOKEN} is not set");
        }

        @Test
        void smtpRequiresHostFromToAndBothCredentials() {
            String[] base = {"alert.m.action", "smtp", "alert.m.smtp.host", "h", "alert.m.smtp.from", "a@b.c",
                    "alert.m.smtp.to", "d@e.f"};
            assertThatThrownBy(() -> parse("alert.m.action", "smtp"))
                    .hasMessage("missing key 'alert.m.smtp.host'");
            assertThatThrownBy(() -> parse(concat(base, "alert.m.smtp.username", "u")))
                    .hasMessageContaining("'alert.m.smtp.username' and 'alert.m.smtp.password' go together");
            assertThatThrownBy(() -> parse(concat(base, "alert.m.smtp.to", "Ops <ops@x.y>")))
                    .hasMessageContaining("'alert.m.smtp.to'").hasMessageContaining("alerts@example.com");
            assertThatThrownBy(() -> parse(concat(base, "alert.m.smtp.port", "0")))
                    .hasMessageContaining("'alert.m.smtp.port'").hasMessageContaining("1 to 65535");
            assertThatThrownBy(() -> parse(concat(base, "alert.m.smtp.auth", "cram-md5")))
                    .hasMessageContaining("'alert.m.smtp.auth'").hasMessageContaining("[auto, login, plain]");
        }

        private String[] concat(String[] a, String... b) {
            String[] all = new String[a.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
