package dev.spool.amqp;

import dev.spool.sink.SinkOverflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A destination whose broker is unreachable (port 1) until its small spool fills up. */
class FullSpoolIT {

    @TempDir
    Path spoolDir;

    private Map<String, String> smallSpool(String policy) {
        Map<String, String> o = TestDestination.options("it.fullspool", "it.fullspool", spoolDir);
        o.put("port", "1");
        o.put("close.timeout", "100ms");
        o.put("batch.maxBytes", "4KB");
        o.put("maxBacklog", "8KB");
        o.put("spool.segmentBytes", "64KB");
        o.put("spool.maxBytes", "128KB");
        o.put("spool.blockTimeout", "20ms");
        o.put("spool.full", policy);
        return o;
    }

    @Test
    void blockPolicyWaitsBoundedlyThenRefusesEventsWithACountAndNeverDrops() throws Exception {
        try (TestDestination d = new TestDestination("block", smallSpool("block"))) {
            long written = 0;
            while (true) {
                try {
                    d.write(0, written, written + 1, 50);
                    written++;
                } catch (SinkOverflowException refused) {
                    break;
                }
            }
            AmqpHealth h = d.health();
            assertThat(h.blockedAppends()).isPositive();
            assertThat(h.refusedEvents()).isEqualTo(1);
            assertThat(h.droppedEvents()).isZero();
            assertThat(h.spoolBytes()).isLessThanOrEqualTo(128 * 1024);
            assertThat(h.spoolEvents()).isPositive().isLessThan(written);
            assertThat(d.sink.hasBacklog()).isTrue(); // the rest is held in memory, not lost
            assertThatThrownBy(() -> d.write(0, 0, 1, 1)).isInstanceOf(SinkOverflowException.class);
        }
    }

    @Test
    void dropOldestPolicyKeepsTheNewestAndCountsWhatItDeleted() throws Exception {
        try (TestDestination d = new TestDestination("drop", smallSpool("drop-oldest"))) {
            d.write(0, 0, 20_000, 50);
            d.flushAll();
            AmqpHealth h = d.health();
            assertThat(h.droppedEvents()).isPositive();
            assertThat(h.refusedEvents()).isZero();
            assertThat(h.droppedEvents() + h.spoolEvents()).isEqualTo(20_000);
        }
    }
}
