package dev.spool.spi.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void doublesFromTheMinimumWithJitterAndStaysWithinTheMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), true);
        long[] ceilings = {1, 2, 4, 8, 16, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
                30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30};
        for (long ceiling : ceilings) {
            long delay = b.nextDelayNanos();
            assertThat(delay).isBetween(Math.max(SECOND, ceiling * SECOND / 2), ceiling * SECOND);
        }
    }

    @Test
    void startsFromTheMinimumAgainAfterASuccess() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), true);
        for (int i = 0; i < 10; i++) {
            b.nextDelayNanos();
        }
        b.reset();
        assertThat(b.nextDelayNanos()).isEqualTo(SECOND);
    }

    @Test
    void spreadsProducersThatFailTogether() {
        long first = -1;
        boolean differ = false;
        for (int producer = 0; producer < 50 && !differ; producer++) {
            Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), true);
            b.nextDelayNanos();
            b.nextDelayNanos();
            long third = b.nextDelayNanos();
            differ = first >= 0 && third != first;
            first = third;
        }
        assertThat(differ).isTrue();
    }

    @Test
    void withoutJitterDoublesExactlyUpToTheMaximumAndStartsOverAfterAReset() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), false);
        long[] expected = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long millis : expected) {
            assertThat(b.nextDelayNanos()).isEqualTo(Duration.ofMillis(millis).toNanos());
        }
        b.reset();
        assertThat(b.nextDelayNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheStep() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), true);
        for (int i = 0; i < 200; i++) {
            long ceiling = Math.min(100L << Math.min(i, 30), 10_000) * 1_000_000L;
            assertThat(b.nextDelayNanos()).isBetween(Math.max(100_000_000L, ceiling / 2), ceiling);
        }
    }
}
