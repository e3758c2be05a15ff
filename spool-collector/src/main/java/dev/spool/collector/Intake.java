package dev.spool.collector;

import dev.spool.DestinationStats;
import dev.spool.PipelineStats;
import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ingress;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.Diagnostics;
import dev.spool.spi.support.RelayTally;
import dev.spool.spi.support.RelayTally.Count;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the sessions of one server share: the configuration and its token, the strict event reader, the
 * de-duplication window, the collector's pipeline and the counters. Every session hands its events here;
 * one flush here makes them durable for all sessions at once. Used only on the server thread.
 *
 * <p>It also keeps the collector's relay ledger (docs/audit.md): per upstream producer, events received,
 * removed as duplicates, and written: an event handed to the pipeline counts as written only once a flush
 * confirmed it ({@link #durable()}) in a round in which the pipeline dropped nothing and no destination
 * refused anything; otherwise the round's events stay counted as received only, and the drops and refusals
 * are counted for the relay as a whole (which producer's events they were is not known).
 */
final class Intake {

    /** How long acknowledgements wait for a flush before the wait is reported (and, at stop, given up). */
    static final Duration ACK_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long {@link #roundDurable} waits at most, so the server looks at its connections meanwhile. */
    private static final Duration ROUND_WAIT = Duration.ofMillis(10);

    private final CollectorConfig config;
    private final Ingress pipeline;
    private final DedupWindow dedup;
    private final Counters counters;
    private final JsonEventReader reader;
    private final byte[] token;
    private SpillAdopter adopter;
    private final RelayTally tally = new RelayTally();
    /** Events handed to the pipeline and in no round yet, per producer (in the WRITTEN count). */
    private final RelayTally handed = new RelayTally();
    /** Events of the round whose flush was requested and not yet confirmed ({@link #startRound()}). */
    private final RelayTally inRound = new RelayTally();
    /** The pipeline's mark for the round in flight, or -1. */
    private long roundMark = -1;
    private long roundStartNanos;
    private boolean roundWarned;
    /** The round in flight was flushed, but a destination holds bytes back. */
    private boolean roundHeldBack;
    private final long startMicros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
            java.time.Instant.now());
    private final long ledgerIntervalNanos;
    private long nextLedgerNanos;
    private long lostBefore;

    Intake(CollectorConfig config, Ingress pipeline, DedupWindow dedup, Counters counters) {
        this.config = config;
        this.pipeline = pipeline;
        this.dedup = dedup;
        this.counters = counters;
        this.reader = new JsonEventReader(config.maxEventBytes());
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        this.ledgerIntervalNanos = config.pipeline().ledgerInterval().toNanos();
        this.nextLedgerNanos = System.nanoTime() + ledgerIntervalNanos;
    }

    CollectorConfig config() {
        return config;
    }

    Counters counters() {
        return counters;
    }

    /** Whether a handshake's {@code token} value admits a TCP client: always, when none is configured. */
    boolean admits(Object givenToken) {
        // constant time, so the answer's timing does not tell how much of a guess was right
        return token == null || givenToken instanceof String
                && MessageDigest.isEqual(token, ((String) givenToken).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads one event line strictly. The event is valid until the next call: hand it to {@link #ingest}
     * (which copies it) before reading another line.
     *
     * @throws RuntimeException (mostly {@link IllegalArgumentException}) saying why the line is not an event
     */
    LogEvent read(byte[] bytes, int offset, int length) {
        return reader.readTransient(bytes, offset, length);
    }

    /**
     * Hands a read event to the pipeline, unless its id was seen within the de-duplication window. The
     * pipeline's writer is not woken for it: every caller asks {@link #durable()} after its round of events,
     * and that flush wakes the writer for the whole round, written as one batch.
     */
    void ingest(LogEvent event) {
        counters.eventIn();
        // a ledger passed on is not an event of its producer's: relay ledgers count events only
        boolean counted = event.kind() != EventKind.LEDGER;
        long node = RelayTally.node(event.idHigh(), event.idLow());
        if (counted) {
            tally.add(node, Count.RECEIVED, 1);
        }
        if (!dedup.add(event.idHigh(), event.idLow())) {
            counters.duplicate();
            if (counted) {
                tally.add(node, Count.DUPLICATES, 1);
            }
            return;
        }
        if (pipeline.ingestWithoutWaking(event)) {
            counters.eventWritten();
            if (counted) {
                handed.add(node, Count.WRITTEN, 1);
            }
        } else if (counted) {
            tally.add(node, Count.FAILED, 1); // the pipeline shut down: counted as dropped there
        }
    }

    /** Counts a line or connection refused; a line has no id to trust, so the relay as a whole counts it. */
    void refused(Reject reason) {
        counters.refused(reason);
        tally.addRelayWide(Count.REJECTED, 1);
    }

    void adopter(SpillAdopter spillAdopter) {
        this.adopter = spillAdopter;
    }

    /** The answer to a status handshake: the collector's and its pipeline's counters. */
    byte[] statusLine() {
        return Protocol.statusLine(counters.snapshot(), pipeline.stats(), adopter);
    }

    /**
     * Waits once for the pipeline to write and flush everything handed to it, the round in flight included.
     *
     * @return true if it did and no destination holds bytes back, so what was ingested may be acknowledged
     */
    boolean durable() {
        if (!flushed(pipeline)) {
            return false;
        }
        takeHanded();
        return confirm(); // a round in flight is confirmed with it; its mark is reached, and it credits nothing twice
    }

    /**
     * Starts a round: asks the pipeline to write and flush everything handed to it so far, without waiting,
     * so the caller reads on meanwhile; {@link #roundDurable} then says when it happened. One round at a time.
     *
     * @throws IllegalStateException if a round is in flight
     */
    void startRound() {
        if (roundMark >= 0) {
            throw new IllegalStateException("a round is in flight");
        }
        roundMark = pipeline.requestFlush();
        roundStartNanos = System.nanoTime();
        roundWarned = false;
        takeHanded();
    }

    /** The events handed since the last round began join the round being confirmed. */
    private void takeHanded() {
        inRound.addAll(handed);
        handed.clear();
    }

    /** Whether a round was started and not yet found durable. */
    boolean roundInFlight() {
        return roundMark >= 0;
    }

    /** Whether the round in flight was flushed but is not durable yet: a destination holds bytes back. */
    boolean roundHeldBack() {
        return roundHeldBack;
    }

    /**
     * Whether the round in flight is durable: flushed, and no destination holds bytes back. If it is, its
     * events count as written (as {@link #durable()} says) and the round ends. A round not flushed within
     * the acknowledgement timeout is reported once on stderr; its acknowledgements wait.
     *
     * @param wait whether to wait a little (10 ms at most) for the flush, or only look
     */
    boolean roundDurable(boolean wait) {
        if (roundMark < 0) {
            return false;
        }
        boolean flushed = pipeline.flushed(roundMark) || wait && pipeline.awaitFlushed(roundMark, ROUND_WAIT);
        if (!flushed) {
            if (!roundWarned && System.nanoTime() - roundStartNanos > ACK_FLUSH_TIMEOUT.toNanos()) {
                roundWarned = true;
                warnFlushTimeout();
            }
            return false;
        }
        roundHeldBack = !confirm();
        if (roundHeldBack) {
            return false;
        }
        roundMark = -1;
        return true;
    }

    /** After a flush: credits the round's events as written, unless a destination holds bytes back. */
    private boolean confirm() {
        PipelineStats stats = pipeline.stats();
        if (backlog(stats)) {
            return false;
        }
        long lost = stats.droppedTotal() + stats.destinationFailed();
        if (lost == lostBefore) {
            for (long node : inRound.nodes()) {
                tally.add(node, Count.WRITTEN, inRound.get(node, Count.WRITTEN));
            }
        } else {
            tally.addRelayWide(Count.FAILED, lost - lostBefore);
            lostBefore = lost;
        }
        inRound.clear();
        return true;
    }

    /** Writes the relay ledgers into the pipeline when {@code ledger.interval} has passed (never if it is 0). */
    void ledgersIfDue(long nowNanos) {
        if (ledgerIntervalNanos > 0 && nowNanos - nextLedgerNanos >= 0) {
            nextLedgerNanos = nowNanos + ledgerIntervalNanos;
            ledgers(false);
        }
    }

    /** At stop: confirms what was written, then writes the final relay ledgers (unless ledgers are off). */
    void finalLedgers() {
        if (ledgerIntervalNanos > 0) {
            durable();
            ledgers(true);
        }
    }

    private void ledgers(boolean last) {
        for (LogEvent ledger : tally.ledgers("collector", config.pipeline().name(), startMicros,
                config.pipeline().resource(), last)) {
            pipeline.ingest(ledger);
        }
    }

    /** {@link #durable()} for any receiver of this collector: one pipeline flush, then no destination backlog. */
    static boolean durable(Ingress pipeline) {
        return flushed(pipeline) && !backlog(pipeline.stats());
    }

    private static boolean flushed(Ingress pipeline) {
        if (!pipeline.flush(ACK_FLUSH_TIMEOUT)) {
            warnFlushTimeout();
            return false;
        }
        return true;
    }

    private static void warnFlushTimeout() {
        Diagnostics.warn("collector.flush", "collector pipeline did not flush within " + ACK_FLUSH_TIMEOUT
                + "; acknowledgements wait", null);
    }

    private static boolean backlog(PipelineStats stats) {
        for (DestinationStats d : stats.destinations()) {
            if (d.backlog()) {
                // A destination holds bytes it could not write (disk full): they are not durable yet, and the
                // writer retries them; senders keep their copies until then.
                return true;
            }
        }
        return false;
    }

    /**
     * For a receiver that answers each request on its own thread (OTLP/HTTP): like {@link #durable(Ingress)},
     * but while a destination still holds rows back only because it commits in batches (a {@code sqlite}
     * destination waits up to its {@code batchTime}), flushes again every {@link #RECHECK_NANOS} until the
     * rows are committed or {@link #ACK_FLUSH_TIMEOUT} has passed. The NDJSON server needs no such loop: it
     * checks again on its next round before it acknowledges.
     */
    static boolean durableWithinTimeout(Ingress pipeline) {
        long deadline = System.nanoTime() + ACK_FLUSH_TIMEOUT.toNanos();
        while (!durable(pipeline)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, RECHECK_NANOS));
        }
        return true;
    }
}
