package dev.spool.alert;

import dev.spool.DestinationStats;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code alert} destination in an application's own pipeline (the sqlite-worker user's wish: mail on ERROR
 * from a single process), configured as a user would in spool.properties, against a real SMTP sink.
 */
class AlertDestinationIT {

    private SmtpSink sink;
    private Capture diagnostics;

    @BeforeEach
    void start() throws IOException {
        sink = new SmtpSink();
        diagnostics = new Capture();
    }

    @AfterEach
    void stop() throws IOException {
        CountDownLatch hold = sink.hold;
        if (hold != null) {
            hold.countDown();
        }
        Spool.shutdown(Duration.ofSeconds(10));
        sink.close();
        diagnostics.close();
    }

    private Properties config() {
        Properties p = new Properties();
        p.setProperty("service", "sqlite-worker");
        p.setProperty("destination.mail.type", "alert");
        p.setProperty("route.root.level", "INFO");
        p.setProperty("route.root.destinations", "mail");
        p.setProperty("shutdown.hook", "false");
        p.setProperty("jmx", "false");
        return p;
    }

    private void rule(Properties p, String name, String level) {
        String k = "destination.mail.alert." + name + ".";
        p.setProperty(k + "level", level);
        p.setProperty(k + "action", "smtp");
        p.setProperty(k + "retries", "0");
        p.setProperty(k + "smtp.host", "127.0.0.1");
        p.setProperty(k + "smtp.port", String.valueOf(sink.port()));
        p.setProperty(k + "smtp.from", "worker@example.com");
        p.setProperty(k + "smtp.to", "oncall@example.com");
        p.setProperty(k + "smtp.timeout", "30s");
    }

    private static DestinationStats mail() {
        return Spool.stats().destinations().stream().filter(d -> d.name().equals("mail")).findFirst().orElseThrow();
    }

    private static long health(String key) {
        return ((Number) mail().health().get(key)).longValue();
    }

    @Test
    void mailsAnErrorFromTheApplicationsOwnPipeline() {
        Properties p = config();
        rule(p, "errors", "ERROR");
        Spool.configure(ConfigFile.parse(p));

        Logger log = Spool.logger("app.worker");
        log.info("started");
        log.error("database locked after 5 retries");

        await().atMost(10, TimeUnit.SECONDS).until(() -> health("delivered") == 1);
        assertThat(sink.sessions).hasSize(1);
        SmtpSink.Session s = sink.sessions.get(0);
        assertThat(s.rcptTo).containsExactly("oncall@example.com");
        assertThat(s.data).contains("Subject: [spool] errors: 1 matching event")
                .contains("database locked after 5 retries").doesNotContain("started");
        assertThat(health("matched")).isEqualTo(1);
    }

    @Test
    void rulesFromAFileOfTheAlertFormat(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("alerts.properties");
        try (Writer w = Files.newBufferedWriter(rules, StandardCharsets.UTF_8)) {
            w.write("alert.fatal.level = FATAL\nalert.fatal.action = smtp\nalert.fatal.smtp.host = 127.0.0.1\n"
                    + "alert.fatal.smtp.port = " + sink.port() + "\nalert.fatal.smtp.from = w@example.com\n"
                    + "alert.fatal.smtp.to = ${sys:alert.test.to:-ops@example.com}\n");
        }
        Properties p = config();
        p.setProperty("destination.mail.rules", rules.toString());
        Spool.configure(ConfigFile.parse(p));

        Spool.logger("app").error("not fatal");
        Spool.logger("app").fatal("fatal one");

        await().atMost(10, TimeUnit.SECONDS).until(() -> health("delivered") == 1);
        assertThat(sink.sessions.get(0).rcptTo).containsExactly("ops@example.com");
        assertThat(sink.sessions.get(0).data).contains("fatal one").doesNotContain("not fatal");
    }

    /**
     * A receiver that hangs holds the alert thread only: the writer keeps writing every event while it hangs, the
     * notification that does not fit in the queue is dropped, counted and reported, and the queued one is
     * delivered once the receiver answers. Asserts counts, not times.
     */
    @Test
    void aHangingReceiverNeverHoldsTheWriter() {
        sink.hold = new CountDownLatch(1);
        Properties p = config();
        for (String name : new String[] {"a", "b", "c"}) {
            rule(p, name, "ERROR");
            p.setProperty("destination.mail.alert." + name + ".logger", "app." + name);
        }
        p.setProperty("destination.mail.alerts.queue.capacity", "1");
        Spool.configure(ConfigFile.parse(p));
        Logger log = Spool.logger("app.a");

        log.error("first");
        // Rule a's mail is on the wire: the sink holds the connection.
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.get() == 1);
        Spool.logger("app.b").error("second"); // b's waits in the queue (capacity 1)
        Spool.logger("app.c").error("third");  // c's finds the queue full: dropped and counted
        await().atMost(10, TimeUnit.SECONDS).until(() -> health("dropped") == 1);

        int events = 20_000;
        for (int i = 0; i < events; i++) {
            if (i % 2 == 0) {
                log.info("work {}", i);
            } else {
                log.error("failure {}", i);
            }
        }
        assertThat(Spool.flush(Duration.ofSeconds(60))).as("the writer finished every batch").isTrue();

        PipelineStats stats = Spool.stats();
        assertThat(mail().written()).as("every event reached the alert destination").isEqualTo(events + 3);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(sink.sessions).as("nothing delivered while the receiver hangs").isEmpty();
        assertThat(health("delivered")).isZero();
        assertThat(health("rule.a.suppressed")).isEqualTo(events / 2);
        assertThat(diagnostics.text()).contains("alert rule 'c': send queue full");

        sink.hold.countDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> health("delivered") == 2);
        assertThat(health("fired")).isEqualTo(3);
        assertThat(health("failed")).isZero();
    }

    @Test
    void badConfigurationNamesTheKey(@TempDir Path dir) {
        Properties p = config();
        rule(p, "errors", "ERROR");
        p.setProperty("destination.mail.alert.errors.count", "0");
        assertThatThrownBy(() -> ConfigFile.parse(p)).hasMessageContaining(
                "bad value '0' for key 'destination.mail.alert.errors.count': expected an integer from 1 to 1000000");

        Properties typo = config();
        rule(typo, "errors", "ERROR");
        typo.setProperty("destination.mail.rule", "x");
        assertThatThrownBy(() -> ConfigFile.parse(typo)).hasMessageContaining("unknown key 'destination.mail.rule'");

        Properties both = config();
        rule(both, "errors", "ERROR");
        both.setProperty("destination.mail.rules", "alerts.properties");
        assertThatThrownBy(() -> ConfigFile.parse(both)).hasMessageContaining("not both");

        Properties none = config();
        assertThatThrownBy(() -> ConfigFile.parse(none)).hasMessageContaining("an alert destination needs rules");

        Properties missing = config();
        missing.setProperty("destination.mail.rules", dir.resolve("nope.properties").toString());
        assertThatThrownBy(() -> ConfigFile.parse(missing)).hasMessageContaining("key 'destination.mail.rules'");
    }
}
