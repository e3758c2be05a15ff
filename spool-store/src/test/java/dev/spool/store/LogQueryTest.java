package dev.spool.store;

import dev.spool.Level;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00.123456Z");

    @Nested
    class Times {

        @Test
        void aDurationIsReadAsThatLongBeforeNow() {
            assertThat(LogQuery.parseTime("1h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(1)));
            assertThat(LogQuery.parseTime("90s", NOW)).isEqualTo(NOW.minusSeconds(90));
            assertThat(LogQuery.parseTime("PT15M", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        }

        @Test
        void anIsoInstantIsReadAsItIs() {
            assertThat(LogQuery.parseTime("2026-11-21T10:00:00Z", NOW)).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        }

        @Test
        void anythingElseIsRejectedNamingTheAcceptedForms() {
            assertThatThrownBy(() -> LogQuery.parseTime("yesterday", NOW)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'yesterday'").hasMessageContaining("1h").hasMessageContaining("ISO-8601");
        }

        @Test
        void microsKeepsMicrosecondPrecision() {
            assertThat(LogQuery.micros(NOW)).isEqualTo(1_795_341_600_123_456L);
        }

        @Test
        void relativeBoundsAreReadAgainstTheBuildersClock() {
            LogQuery q = LogQuery.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).since("1h").until("10m").build();
            assertThat(q.sinceMicros()).isEqualTo(LogQuery.micros(NOW) - 3_600_000_000L);
            assertThat(q.untilMicros()).isEqualTo(LogQuery.micros(NOW) - 600_000_000L);
        }
    }

    @Nested
    class Validation {

        @Test
        void anEmptyTimeRangeIsRejected() {
            assertThatThrownBy(() -> LogQuery.builder().sinceMicros(10).untilMicros(10).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty time range");
        }

        @Test
        void theLimitMustBeFromOneToTheMaximum() {
            assertThatThrownBy(() -> LogQuery.builder().limit(0)).hasMessageContaining("bad limit 0");
            assertThatThrownBy(() -> LogQuery.builder().limit(LogQuery.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aMetricQueryNeedsANameAndABucketOfAtLeastAMicrosecond() {
            assertThatThrownBy(() -> MetricQuery.of(" ")).hasMessageContaining("metric name");
            assertThatThrownBy(() -> new MetricQuery("m", 0, 1, Duration.ofNanos(999), Map.of())).hasMessageContaining("bad bucket");
            assertThat(new MetricQuery("m", 0, 1, Duration.ofMinutes(1), null).bucketMicros()).isEqualTo(60_000_000L);
        }

        @Test
        void retentionRejectsNonPositiveAgesAndNegativeCounts() {
            assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, 0)).hasMessageContaining("maxAge");
            assertThatThrownBy(() -> new RetentionPolicy(null, -1)).hasMessageContaining("maxRows");
            assertThat(RetentionPolicy.KEEP_ALL.keepsAll()).isTrue();
            assertThat(new RetentionPolicy(null, 5).keepsAll()).isFalse();
        }
    }

    @Test
    void afterKeepsEveryCriterionAndSetsTheCursor() {
        LogQuery q = LogQuery.builder().levelAtLeast(Level.WARN).sinceMicros(5).untilMicros(9).loggerPrefix("app")
                .thread("t").correlationId("c").field("k", "v").text("x").limit(7).order(Order.OLDEST_FIRST).build();
        LogQuery next = q.after("5:1");
        assertThat(next.cursor()).isEqualTo("5:1");
        assertThat(next.toString()).isEqualTo(q.toString().replace("cursor=null", "cursor=5:1"));
    }
}
