package dev.spool.alert;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.Allocation;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AlertsTest {

    private final ManualClock clock = new ManualClock(1_763_769_300_000L);
    private Alerts alerts = Alerts.NONE;

    @AfterEach
    void close() {
        alerts.close();
    }

    private Alerts withRules(AlertRule... rules) {
        alerts = Alerts.start(new AlertsConfig(List.of(rules), 10, Duration.ofSeconds(5)), clock, Duration.ofMillis(10));
        return alerts;
    }

    @Test
    void noneIgnoresEverythingAndClosesTwice() {
        Alerts.NONE.offer(TestEvent.event().level(Level.FATAL));
        Alerts.NONE.offer(null);
        assertThat(Alerts.NONE.stats().rules()).isEmpty();
        Alerts.NONE.close();
        Alerts.NONE.close();
    }

    @Test
    void eachRuleCountsOnlyWhatMatchesIt() {
        AlertRule errors = RecordingAction.rule("errors", 100, Duration.ofMinutes(1));
        AlertRule fatal = new AlertRule("fatal", Level.FATAL, NameMatcher.ANY, NameMatcher.parse("k", "prefix:app"),
                100, Duration.ofMinutes(1), 1, 1, 0, Duration.ZERO, new RecordingAction());
        withRules(errors, fatal);
        alerts.offer(TestEvent.event().level(Level.WARN));
        alerts.offer(TestEvent.event().level(Level.ERROR).logger("app.db"));
        alerts.offer(TestEvent.event().level(Level.FATAL).logger("app.db"));
        alerts.offer(TestEvent.event().level(Level.FATAL).logger("other"));
        assertThat(alerts.stats().rule("errors").matched()).isEqualTo(3);
        assertThat(alerts.stats().rule("fatal").matched()).isEqualTo(1);
        assertThatThrownBy(() -> alerts.stats().rule("nope")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("no alert rule named 'nope'; rules: [errors, fatal]");
    }

    @Test
    void eventsOfferedAfterCloseAreIgnored() {
        withRules(RecordingAction.rule("errors", 1, Duration.ofMinutes(1)));
        alerts.close();
        alerts.offer(TestEvent.event().level(Level.ERROR));
        assertThat(alerts.stats().rule("errors").matched()).isZero();
        alerts.close();
    }

    @Test
    void eventsWithMissingPartsAreHandled() {
        withRules(RecordingAction.rule("errors", 1, Duration.ofMinutes(1)));
        alerts.offer(TestEvent.event().level(null));
        alerts.offer(TestEvent.event().level(Level.ERROR).logger(null).message(null).resource(null));
        assertThat(alerts.stats().rule("errors").matched()).isEqualTo(1);
        assertThat(alerts.stats().rule("errors").fired()).isEqualTo(1);
    }

    @Test
    void steadyMatchingAndNonMatchingOffersAllocateNothing() {
        withRules(RecordingAction.rule("errors", 1, Duration.ofMinutes(1)));
        TestEvent match = TestEvent.event().level(Level.ERROR).logger("app.db").message("connection 42 refused");
        TestEvent other = TestEvent.event().level(Level.INFO);
        assumeTrue(Allocation.measurable(), "this JVM cannot measure per-thread allocation");
        offerPairs(match, other, 20_000);
        List<Long> rounds = Allocation.rounds(10_000, () -> offerPairs(match, other, 100_000));
        // The first match alerted; the rest are held back in the same window, folded into one group.
        assertThat(alerts.stats().rule("errors").suppressed()).isEqualTo(20_000 + 100_000L * rounds.size() - 1);
        assertThat(Allocation.last(rounds)).as("bytes allocated by 200,000 offers, the last of the rounds %s", rounds)
                .isLessThan(10_000);
    }

    private void offerPairs(TestEvent match, TestEvent other, int pairs) {
        for (int i = 0; i < pairs; i++) {
            alerts.offer(match);
            alerts.offer(other);
        }
    }

    @Test
    void offerNeverThrowsEvenWhenTheEventDoes() {
        try (Capture diagnostics = new Capture()) {
            withRules(RecordingAction.rule("errors", 1, Duration.ofMinutes(1)));
            alerts.offer(new BrokenEvent());
            assertThat(diagnostics.text()).contains("spool: alerts: an event could not be checked against the rules");
        }
    }

    @Test
    void loadReadsOnlyAlertKeysAndNamesTheFileInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("consumer.properties");
        Files.writeString(file, "amqp = amqp://x\n", StandardCharsets.UTF_8);
        assertThat(Alerts.load(file)).isSameAs(Alerts.NONE);

        Files.writeString(file, "alert.db.action = webhook\nalert.db.webhook.url = http://127.0.0.1:9/\n"
                + "alert.db.level = ERROR\n", StandardCharsets.UTF_8);
        alerts = Alerts.load(file);
        assertThat(alerts.stats().rules()).extracting(AlertStats.RuleStats::rule).containsExactly("db");

        Files.writeString(file, "alert.db.action = webhook\nalert.db.window = forever\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Alerts.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": ");
        assertThatThrownBy(() -> Alerts.load(dir.resolve("missing.properties")))
                .hasMessageContaining("cannot read alert configuration").hasMessageContaining("missing.properties");
    }

    /** An event whose message cannot be read: a bug elsewhere must not reach the ingest thread. */
    private static final class BrokenEvent implements LogEvent {
        @Override public long idHigh() { return 0; }
        @Override public long idLow() { return 0; }
        @Override public long timestampMicros() { return 0; }
        @Override public Level level() { return Level.ERROR; }
        @Override public String logger() { return "x"; }
        @Override public String threadName() { return "t"; }
        @Override public long threadId() { return 0; }
        @Override public CharSequence message() { throw new IllegalStateException("broken"); }
        @Override public int fieldCount() { return 0; }
        @Override public String fieldKey(int index) { return null; }
        @Override public Object fieldValue(int index) { return null; }
        @Override public ContextMap context() { return ContextMap.EMPTY; }
        @Override public Throwable throwable() { return null; }
        @Override public Resource resource() { return null; }
    }
}
