package dev.spool.cli.consumer;

import dev.spool.consumer.ConsumerStats;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusLineTest {

    private static ConsumerStats stats(boolean healthy) {
        return new ConsumerStats(1_204_000, 3_000, 1_290, 1_300, 2, Map.of("bad-event", 1L, "refused", 0L), 5, 1,
                18_532.4, 12, 2, healthy ? 2 : 1, healthy ? null : "worker-2: broker channel closed", Instant.EPOCH, healthy, 0);
    }

    @Test
    void showsRateLagCountsAndHealthOnOneLine() {
        assertThat(StatusLine.format(stats(true)))
                .isEqualTo("18,532 ev/s | lag 12 msgs | stored 1,204,000 dup 3,000 | batches 1,290 retries 2 dead 1 | healthy");
        assertThat(StatusLine.format(stats(false))).endsWith("| UNHEALTHY 1/2 connected: worker-2: broker channel closed");
    }

    @Test
    void rewritesInPlaceOnATerminalAndLogsEveryTenSecondsOtherwise() {
        StringWriter terminal = new StringWriter();
        StatusLine onTerminal = new StatusLine(new PrintWriter(terminal), true);
        onTerminal.update(stats(true));
        onTerminal.update(stats(true));
        assertThat(terminal.toString()).startsWith("\r18,532 ev/s").doesNotContain("\n");

        StringWriter log = new StringWriter();
        StatusLine toLog = new StatusLine(new PrintWriter(log), false);
        for (int second = 1; second <= 25; second++) {
            toLog.update(stats(true));
        }
        assertThat(log.toString().lines()).hasSize(2);
        toLog.finish(stats(false));
        assertThat(log.toString().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("spool consume: stopped; 18,532 ev/s | lag 12 msgs | stored 1,204,000 dup 3,000 | batches 1,290 retries 2 dead 1");
    }
}
