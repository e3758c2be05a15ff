package dev.spool.consumer;

import dev.spool.Resource;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.Diagnostics;
import dev.spool.spi.support.RelayTally;
import dev.spool.spi.support.RelayTally.Count;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer's relay ledgers (docs/audit.md): what every worker committed, per upstream producer, written
 * into the store every {@code ledgerInterval} by whichever worker finds them due, and once more at close.
 *
 * <p>Per producer: events received (in valid messages, counted again when a message comes again) and
 * written (committed: stored, or found already stored). Relay-wide: the store's duplicates (it reports them
 * per batch, not per event) and the dead letters. Counts reach the shared tally only after the commit they
 * describe, so a ledger never claims a write that had not committed when it was made. Thread-safe.
 */
final class RelayLedgers {

    static final String ROLE = "consumer";

    private final RelayTally tally = new RelayTally();
    private final Counters counters;
    private final String pipeline;
    private final Resource resource = Resource.detect();
    private final long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    private final long intervalNanos;
    private final AtomicLong nextNanos;

    RelayLedgers(ConsumerSettings settings, Counters counters) {
        this.counters = counters;
        String queues = String.join(",", settings.queues());
        this.pipeline = queues.length() > 256 ? queues.substring(0, 256) : queues;
        this.intervalNanos = settings.ledgerInterval().toNanos();
        this.nextNanos = new AtomicLong(System.nanoTime() + intervalNanos);
    }

    /** Adds what one worker counted for a batch it committed and acknowledged. */
    void add(RelayTally batch) {
        synchronized (tally) {
            tally.addAll(batch);
        }
    }

    /** Writes the ledgers with {@code writer} if they are due and no other worker took them; never throws. */
    void writeIfDue(StoreWriter writer) {
        long due = nextNanos.get();
        if (intervalNanos == 0 || writer == null || System.nanoTime() - due < 0
                || !nextNanos.compareAndSet(due, System.nanoTime() + intervalNanos)) {
            return;
        }
        write(writer, false);
    }

    /** The final ledgers, once every worker stopped: with a writer of its own. Never throws. */
    void writeFinal(ConsumerSettings settings) {
        if (intervalNanos == 0) {
            return;
        }
        try (StoreWriter writer = settings.openWriter()) {
            write(writer, true);
        } catch (RuntimeException e) {
            Diagnostics.warn("consumer.ledger", "consumer: cannot write the final relay ledgers", e);
        }
    }

    private void write(StoreWriter writer, boolean last) {
        List<LogEvent> ledgers;
        synchronized (tally) {
            RelayTally now = new RelayTally();
            now.addAll(tally);
            now.addRelayWide(Count.DEAD_LETTERED, counters.deadLetteredTotal());
            ledgers = now.ledgers(ROLE, pipeline, startMicros, resource, last);
        }
        try {
            writer.write(ledgers); // cumulative: one that fails is made good by the next
        } catch (StoreException e) {
            Diagnostics.warn("consumer.ledger", "consumer: cannot write the relay ledgers; the next ones will"
                    + " carry the same counts", null);
        }
    }
}
