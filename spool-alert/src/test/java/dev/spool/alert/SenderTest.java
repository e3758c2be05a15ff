package dev.spool.alert;

import dev.spool.Level;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SenderTest {

    private static Notification notification() {
        EventSummary event = new EventSummary(1, 2, 3, Level.ERROR, "svc", "app", "boom");
        return new Notification("errors", "first", 0, 60_000, 1, event, event, List.of(), 0, List.of("boom"));
    }

    @Test
    void aNotificationQueuedAfterCloseIsCountedFailedNotLeftUncounted() {
        ActiveRule rule = new ActiveRule(RecordingAction.rule("errors", 1, Duration.ofMinutes(1)));
        Sender sender = new Sender(new ActiveRule[] {rule}, 10, Clock.systemUTC(), Duration.ofMillis(10),
                Duration.ofSeconds(5));
        sender.start();
        sender.close();

        sender.submit(rule, notification()); // as an offer that passed the closed check just before close

        AlertStats.RuleStats stats = rule.counters.snapshot("errors");
        assertThat(stats.fired()).isEqualTo(1);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.delivered() + stats.dropped()).isZero();
    }
}
