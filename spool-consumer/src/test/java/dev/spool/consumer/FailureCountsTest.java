package dev.spool.consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCountsTest {

    @Test
    void failureCountsSurviveUntilForgottenAndStayBounded() {
        FailureCounts counts = new FailureCounts();
        assertThat(counts.fail("m1")).isEqualTo(1);
        assertThat(counts.fail("m1")).isEqualTo(2);
        counts.forget("m1");
        assertThat(counts.fail("m1")).isEqualTo(1);
        for (int i = 0; i < FailureCounts.MAX_ENTRIES + 10; i++) {
            counts.fail("other" + i);
        }
        assertThat(counts.size()).isLessThanOrEqualTo(FailureCounts.MAX_ENTRIES);
    }
}
