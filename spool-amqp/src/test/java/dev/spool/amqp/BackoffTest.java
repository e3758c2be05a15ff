package dev.spool.amqp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void doublesFromTheMinimumWithJitterAndStaysWithinTheMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        long[] ceilings = {1, 2, 4, 8, 16, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
                30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30};
        for (long ceiling : ceilings) {
            long delay = b.nextDelayNanos();
            assertThat(delay).isBetween(Math.max(SECOND, ceiling * SECOND / 2), ceiling * SECOND);
        }
    }

    @Test
    void startsFromTheMinimumAgainAfterASuccess() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
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
            Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
            b.nextDelayNanos();
            b.nextDelayNanos();
            long third = b.nextDelayNanos();
            differ = first >= 0 && third != first;
            first = third;
        }
        assertThat(differ).isTrue();
    }
}
