package dev.spool.collector;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ingress;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.support.RelayTally;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The collector's relay ledger (docs/audit.md), without sockets: events read by the {@link Intake} go through
 * a real pipeline into a sink that carries ledgers and refuses what it is told to. Written counts only what a
 * flush confirmed in a round with no drop and no refusal; the rest is counted for the relay as a whole.
 */
class IntakeRelayLedgerTest {

    /**
     * Keeps the relay ledgers it is given; refuses events whose message is {@code refuse}, and holds the
     * writer at an event whose message is {@code hold} until {@link #release} counts down.
     */
    static final class LedgerSink implements Sink {
        final List<Ledger.Relay> relays = new ArrayList<>();
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void write(LogEvent event) {
            if (event.kind() == EventKind.LEDGER) {
                if (event.ledger().relay() != null) {
                    relays.add(event.ledger().relay());
                }
            } else if (event.message().toString().equals("refuse")) {
                throw new IllegalStateException("refused by the test");
            } else if (event.message().toString().equals("hold")) {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean acceptsLedgers() {
            return true;
        }

        @Override
        public void flush() {
            // nothing held
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    private final LedgerSink sink = new LedgerSink();
    private final Ingress pipeline = Ingress.start(SpoolConfig.builder().name("relay-test").shutdownHook(false)
            .jmx(false).destination("db", context -> sink).route("root", "", Level.TRACE, "db").build());
    private final Intake intake = new Intake(CollectorConfig.builder(pipeline.config()).listen("tcp://127.0.0.1:0")
            .build(), pipeline, new DedupWindow(1024), new Counters());

    @AfterEach
    void close() {
        pipeline.shutdown(Duration.ofSeconds(5));
    }

    private final long millis = System.currentTimeMillis();

    /** An event of the process {@code node} with the id counter {@code counter} (the same id for the same both). */
    private void receive(long node, long counter, String message) {
        long high = (millis << 16) | (node >>> 24);
        long low = ((node & 0xFF_FFFFL) << 40) | counter;
        byte[] line = ("{\"v\":1,\"id\":\"" + EventId.toString(high, low) + "\",\"level\":\"INFO\",\"message\":\""
                + message + "\"}").getBytes(StandardCharsets.UTF_8);
        intake.ingest(intake.read(line, 0, line.length));
    }

    @Test
    void countsPerProducerAndClaimsWrittenOnlyForConfirmedCleanRounds() {
        long a = 0x11_2233_4455L;
        long b = 0x66_7788_99AAL;
        for (int i = 1; i <= 5; i++) {
            receive(a, i, "ok");
        }
        receive(a, 3, "ok"); // sent again: the de-duplication window removes it
        intake.refused(Reject.MALFORMED);
        assertThat(intake.durable()).isTrue();

        receive(b, 1, "ok");
        receive(b, 2, "refuse");
        receive(b, 3, "ok");
        assertThat(intake.durable()).isTrue(); // acknowledged, but a destination refused one: whose is unknown

        receive(b, 4, "ok");
        receive(b, 5, "ok");
        intake.finalLedgers();
        assertThat(pipeline.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(sink.relays).containsExactly(
                new Ledger.Relay("collector", RelayTally.nodeText(a), 6, 5, 1, 0, 0, 0),
                new Ledger.Relay("collector", RelayTally.nodeText(b), 5, 2, 0, 0, 0, 0),
                new Ledger.Relay("collector", "", 0, 0, 0, 1, 0, 1));
    }

    @Test
    void aRoundIsDurableOnceItsFlushHappenedAndCreditsOnlyTheEventsHandedBeforeItBegan() throws Exception {
        long a = 0x11_2233_4455L;
        receive(a, 1, "ok");
        receive(a, 2, "hold");
        intake.startRound();
        assertThat(sink.holding.await(10, TimeUnit.SECONDS)).as("the writer took the round").isTrue();
        receive(a, 3, "ok"); // read while the round is written: the next round's
        assertThat(intake.roundInFlight()).isTrue();
        assertThat(intake.roundDurable(false)).as("the writer is still in the round").isFalse();
        assertThatThrownBy(intake::startRound).isInstanceOf(IllegalStateException.class);

        sink.release.countDown();
        assertThat(intake.roundDurable(true)).isTrue();
        assertThat(intake.roundInFlight()).isFalse();
        intake.ledgersIfDue(System.nanoTime() + Duration.ofHours(1).toNanos());
        assertThat(pipeline.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(sink.relays).first().as("events 1 and 2 written, 3 not yet confirmed")
                .isEqualTo(new Ledger.Relay("collector", RelayTally.nodeText(a), 3, 2, 0, 0, 0, 0));
    }

    @Test
    void aBlockingConfirmationCoversTheRoundInFlightAndCreditsNothingTwice() {
        long a = 0x11_2233_4455L;
        receive(a, 1, "ok");
        intake.startRound();
        receive(a, 2, "ok");
        assertThat(intake.durable()).isTrue(); // the spill adopter's: everything so far
        assertThat(intake.roundDurable(true)).isTrue();
        intake.finalLedgers();
        assertThat(pipeline.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(sink.relays).first().isEqualTo(new Ledger.Relay("collector", RelayTally.nodeText(a), 2, 2, 0, 0, 0, 0));
    }

    @Test
    void whatNoFlushConfirmedIsNotClaimedAsWritten() {
        long a = 0x11_2233_4455L;
        receive(a, 1, "ok");
        assertThat(intake.durable()).isTrue();
        receive(a, 2, "ok"); // handed to the pipeline, no confirmation yet
        intake.ledgersIfDue(System.nanoTime() + Duration.ofHours(1).toNanos());
        assertThat(pipeline.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(sink.relays).first().isEqualTo(new Ledger.Relay("collector", RelayTally.nodeText(a), 2, 1, 0, 0, 0, 0));
    }
}
