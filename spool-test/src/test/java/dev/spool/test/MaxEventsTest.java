package dev.spool.test;

import dev.spool.Logger;
import dev.spool.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A test that logs without end cannot exhaust the heap through its capture. */
class MaxEventsTest {

    private static final Logger LOG = Spool.logger("capture.max");

    @RegisterExtension
    final LogCapture logs = new LogCapture().maxEvents(3);

    @Test
    void laterEventsAreCountedNotKeptAndAFailureSaysSo() {
        for (int i = 0; i < 10; i++) {
            LOG.info("event {}", i);
        }
        assertThat(logs.messages()).containsExactly("event 0", "event 1", "event 2");
        assertThat(logs.overflowed()).isEqualTo(7);
        assertThatThrownBy(() -> logs.expect().message("event 9").once())
                .hasMessageContaining("found 0 among 3 captured (7 more not kept: maxEvents reached)");
    }
}
