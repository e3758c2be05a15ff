package dev.spool.alert;

import dev.spool.Level;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RuleWindowTest {

    private static final long T0 = 1_763_769_301_000L;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RuleCounters counters = new RuleCounters();

    private RuleWindow window(int count) {
        return new RuleWindow(RecordingAction.rule("r", count, MINUTE), counters);
    }

    private static TestEvent error(String message) {
        return TestEvent.event().level(Level.ERROR).logger("app.db").message(message);
    }

    @Nested
    class Threshold {
        @Test
        void alertsAtTheCountThMatchWithEverythingSoFar() {
            RuleWindow w = window(3);
            assertThat(w.match(error("a 1"), T0)).isNull();
            assertThat(w.match(error("a 2"), T0 + 10)).isNull();
            Notification n = w.match(error("a 3"), T0 + 20);
            assertThat(n).isNotNull();
            assertThat(n.kind()).isEqualTo("alert");
            assertThat(n.count()).isEqualTo(3);
            assertThat(n.first().message()).isEqualTo("a 1");
            assertThat(n.last().message()).isEqualTo("a 3");
            assertThat(n.windowStartMillis()).isEqualTo(T0);
            assertThat(n.windowEndMillis()).isEqualTo(T0 + 60_000);
            assertThat(counters.matched.get()).isEqualTo(3);
        }

        @Test
        void matchesSpreadOverWindowsNeverReachTheCount() {
            RuleWindow w = window(2);
            assertThat(w.match(error("x"), T0)).isNull();
            assertThat(w.tick(T0 + 60_000)).isNull();
            assertThat(w.match(error("x"), T0 + 60_001)).isNull();
            assertThat(w.match(error("x"), T0 + 120_001)).isNull();
            assertThat(counters.matched.get()).isEqualTo(3);
            assertThat(counters.suppressed.get()).isZero();
        }
    }

    @Nested
    class RateLimit {
        @Test
        void holdsBackTheRestOfTheWindowAndSendsItAsOneDigestWhenItCloses() {
            RuleWindow w = window(1);
            assertThat(w.match(error("boom 1"), T0)).isNotNull();
            for (int i = 2; i <= 5; i++) {
                assertThat(w.match(error("boom " + i), T0 + i)).isNull();
            }
            assertThat(counters.suppressed.get()).isEqualTo(4);
            assertThat(w.tick(T0 + 59_999)).isNull();
            Notification digest = w.tick(T0 + 60_000);
            assertThat(digest.kind()).isEqualTo("digest");
            assertThat(digest.count()).isEqualTo(4);
            assertThat(digest.first().message()).isEqualTo("boom 2");
            assertThat(digest.last().message()).isEqualTo("boom 5");
            assertThat(digest.windowStartMillis()).isEqualTo(T0);
        }

        @Test
        void neverNotifiesTwiceWithinOneWindowLength() {
            RuleWindow w = window(1);
            assertThat(w.match(error("e"), T0)).isNotNull();
            w.match(error("e"), T0 + 1);
            Notification digest = w.match(error("e"), T0 + 60_000);
            assertThat(digest).isNotNull();
            assertThat(digest.count()).isEqualTo(1);
            // The match that closed the window opened the digest's window: it waits for the next digest.
            assertThat(w.match(error("e"), T0 + 119_999)).isNull();
            Notification next = w.tick(T0 + 120_000);
            assertThat(next.count()).isEqualTo(2);
            assertThat(next.windowStartMillis()).isEqualTo(T0 + 60_000);
        }

        @Test
        void aQuietWindowAfterADigestMakesTheRuleAlertImmediatelyAgain() {
            RuleWindow w = window(1);
            w.match(error("e"), T0);
            w.match(error("e"), T0 + 1);
            assertThat(w.tick(T0 + 60_000)).isNotNull();
            assertThat(w.tick(T0 + 120_000)).isNull();
            Notification again = w.match(error("e"), T0 + 500_000);
            assertThat(again.kind()).isEqualTo("alert");
            assertThat(again.count()).isEqualTo(1);
        }

        @Test
        void flushSendsWhatIsHeldBackWhateverTheTime() {
            RuleWindow w = window(1);
            w.match(error("e"), T0);
            assertThat(w.flush()).isNull();
            w.match(error("e"), T0 + 1);
            assertThat(w.flush().count()).isEqualTo(1);
            assertThat(w.flush()).isNull();
        }
    }

    @Nested
    class Dedupe {
        @Test
        void foldsSameLoggerAndTemplateIntoOneGroupWithACount() {
            RuleWindow w = window(5);
            w.match(error("connection 1 refused"), T0);
            w.match(error("connection 2 refused"), T0);
            w.match(error("connection 3 refused").logger("app.web"), T0);
            w.match(error("disk full"), T0);
            Notification n = w.match(error("connection 4 refused"), T0);
            assertThat(n.groups()).containsExactly(
                    new GroupSummary("app.db", "connection # refused", 3, "connection 1 refused"),
                    new GroupSummary("app.web", "connection # refused", 1, "connection 3 refused"),
                    new GroupSummary("app.db", "disk full", 1, "disk full"));
            assertThat(counters.deduplicated.get()).isEqualTo(2);
            assertThat(n.samples()).containsExactly("connection 1 refused", "connection 2 refused",
                    "connection 3 refused");
        }

        @Test
        void groupsBeyondTheLimitAreCountedAsOther() {
            RuleWindow w = window(6);
            for (String m : new String[] {"a", "b", "c", "d", "e"}) {
                w.match(error(m), T0);
            }
            Notification n = w.match(error("f"), T0);
            assertThat(n.groups()).hasSize(4);
            assertThat(n.otherCount()).isEqualTo(2);
        }

        @Test
        void startsAfreshInTheNextNotification() {
            RuleWindow w = window(1);
            w.match(error("x 1"), T0);
            w.match(error("x 2"), T0 + 1);
            Notification digest = w.tick(T0 + 60_000);
            assertThat(digest.groups()).singleElement().extracting(GroupSummary::count).isEqualTo(1L);
        }
    }

    @Test
    void copiesTheEventSoLaterChangesDoNotShow() {
        RuleWindow w = window(2);
        StringBuilder message = new StringBuilder("first");
        TestEvent e = error("").message(message);
        w.match(e, T0);
        message.setLength(0);
        message.append("changed");
        Notification n = w.match(error("second"), T0);
        assertThat(n.first().message()).isEqualTo("first");
        assertThat(n.samples()).containsExactly("first", "second");
    }

    @Test
    void cutsLongMessages() {
        RuleWindow w = window(1);
        Notification n = w.match(error("y".repeat(5000)), T0);
        assertThat(n.first().message()).hasSize(Matches.MAX_MESSAGE_CHARS + 3).endsWith("...");
    }
}
