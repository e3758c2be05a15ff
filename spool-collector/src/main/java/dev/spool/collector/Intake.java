package dev.spool.collector;

import dev.spool.DestinationStats;
import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.Ingress;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.Diagnostics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the sessions of one server share: the configuration and its token, the strict event reader, the
 * de-duplication window, the collector's pipeline and the counters. Every session hands its events here;
 * one flush here makes them durable for all sessions at once. Used only on the server thread.
 */
final class Intake {

    private static final Duration ACK_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final CollectorConfig config;
    private final Ingress pipeline;
    private final DedupWindow dedup;
    private final Counters counters;
    private final JsonEventReader reader;
    private final byte[] token;
    private SpillAdopter adopter;

    Intake(CollectorConfig config, Ingress pipeline, DedupWindow dedup, Counters counters) {
        this.config = config;
        this.pipeline = pipeline;
        this.dedup = dedup;
        this.counters = counters;
        this.reader = new JsonEventReader(config.maxEventBytes());
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
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
     * Reads one event line strictly.
     *
     * @throws RuntimeException (mostly {@link IllegalArgumentException}) saying why the line is not an event
     */
    LogEvent read(byte[] bytes, int offset, int length) {
        return reader.read(bytes, offset, length);
    }

    /** Hands a read event to the pipeline, unless its id was seen within the de-duplication window. */
    void ingest(LogEvent event) {
        counters.eventIn();
        if (!dedup.add(event.idHigh(), event.idLow())) {
            counters.duplicate();
            return;
        }
        if (pipeline.ingest(event)) {
            counters.eventWritten();
        }
    }

    void adopter(SpillAdopter spillAdopter) {
        this.adopter = spillAdopter;
    }

    /** The answer to a status handshake: the collector's and its pipeline's counters. */
    byte[] statusLine() {
        return Protocol.statusLine(counters.snapshot(), pipeline.stats(), adopter);
    }

    /**
     * Waits once for the pipeline to write and flush everything handed to it.
     *
     * @return true if it did and no destination holds bytes back, so what was ingested may be acknowledged
     */
    boolean durable() {
        return durable(pipeline);
    }

    /** {@link #durable()} for any receiver of this collector: one pipeline flush, then no destination backlog. */
    static boolean durable(Ingress pipeline) {
        if (!pipeline.flush(ACK_FLUSH_TIMEOUT)) {
            Diagnostics.warn("collector.flush", "collector pipeline did not flush within " + ACK_FLUSH_TIMEOUT
                    + "; acknowledgements wait", null);
            return false;
        }
        for (DestinationStats d : pipeline.stats().destinations()) {
            if (d.backlog()) {
                // A destination holds bytes it could not write (disk full): they are not durable yet, and the
                // writer retries them; senders keep their copies until then.
                return false;
            }
        }
        return true;
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
