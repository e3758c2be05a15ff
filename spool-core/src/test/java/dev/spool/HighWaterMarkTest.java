package dev.spool;

import dev.spool.spi.support.Diagnostics;
import dev.spool.testkit.CapturingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HighWaterMarkTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream previous = Diagnostics.redirect(new PrintStream(err, true, StandardCharsets.UTF_8));

    @AfterEach
    void restore() {
        Spool.shutdown(Duration.ofSeconds(5));
        Diagnostics.redirect(previous);
    }

    private Logger heldPipeline(CapturingSink sink) throws InterruptedException {
        return heldPipeline(sink, 0.5);
    }

    private Logger heldPipeline(CapturingSink sink, double mark) throws InterruptedException {
        Spool.configure(PipelineTest.config(sink, 64, OverflowPolicy.BLOCK).highWaterMark(mark).build());
        Logger log = Spool.logger("hwm");
        log.info("t0 0");
        sink.awaitFirstWrite(); // the writer now holds event 0 and everything else queues
        return log;
    }

    @Test
    void staysQuietBelowTheMark() throws Exception {
        CapturingSink sink = new CapturingSink().hold();
        Logger log = heldPipeline(sink);
        for (int i = 1; i <= 20; i++) {
            log.info("t0 {}", i); // 20 of 64 slots: under the 50% mark
        }
        sink.open();
        Spool.flush(Duration.ofSeconds(5));
        assertThat(sink.events()).hasSize(21);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("full");
    }

    @Test
    void warnsOnceWhenTheQueuePassesTheMark() throws Exception {
        CapturingSink sink = new CapturingSink().hold();
        Logger log = heldPipeline(sink);
        for (int i = 1; i <= 40; i++) {
            log.info("t0 {}", i); // 40 of 64 slots
        }
        sink.open();
        for (int i = 41; i <= 200; i++) {
            log.info("t0 {}", i);
        }
        Spool.flush(Duration.ofSeconds(5));
        String output = err.toString(StandardCharsets.UTF_8);
        assertThat(output).startsWith("spool: queue of pipeline 'test' is ").contains("% full");
        assertThat(output.lines().filter(l -> l.contains("% full")).count()).as("rate-limited").isEqualTo(1);
        assertThat(Spool.stats().maxQueueDepth()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theDeepestQueueIsSeenWhenItFillsDuringOneSlowWrite() throws Exception {
        // The writer notes the depth between runs of 128 events; here all 41 go in one run that starts
        // with a single event queued, so only the producers' samples can see the 40 behind it.
        CapturingSink sink = new CapturingSink().hold();
        Logger log = heldPipeline(sink, 0.95);
        for (int i = 1; i <= 40; i++) {
            log.info("t0 {}", i);
        }
        sink.open();
        Spool.flush(Duration.ofSeconds(5));
        assertThat(sink.events()).hasSize(41);
        assertThat(Spool.stats().maxQueueDepth()).isBetween(40L, 41L);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("below the 95% mark").doesNotContain("full");
    }
}
