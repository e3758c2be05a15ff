package dev.spool.internal.pipeline;

import dev.spool.DropReason;
import dev.spool.EventId;
import dev.spool.SpoolConfig;
import dev.spool.spi.Ledger;
import dev.spool.spi.support.LedgerEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a pipeline's ledgers (docs/audit.md): every {@code ledger.interval} and once at shutdown, one
 * {@link Ledger} per destination that carries ledgers, written straight to it by the writer after a
 * batch. Runs only on the thread holding the write lock; allocates only when a ledger is due, never per
 * event.
 */
final class Ledgers {

    private final SpoolConfig config;
    private final Publisher publisher;
    private final String node = EventId.localNodeText();
    private final long startMicros = WallClock.micros();
    private final long intervalNanos;
    private long nextNanos;

    Ledgers(SpoolConfig config, Publisher publisher) {
        this.config = config;
        this.publisher = publisher;
        this.intervalNanos = config.ledgerInterval().toNanos();
        this.nextNanos = System.nanoTime() + intervalNanos;
    }

    boolean due(long nowNanos) {
        return nowNanos - nextNanos >= 0;
    }

    /**
     * Writes one ledger to each destination that takes them.
     *
     * @param lastCounter the counter of the last id given, or -1 if none
     * @param timeoutDropped events counted as not written at the shutdown deadline
     */
    void emit(Destinations destinations, long lastCounter, long timeoutDropped, boolean last) {
        nextNanos = System.nanoTime() + intervalNanos;
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            long n = publisher.dropped(r) + (r == DropReason.SHUTDOWN_TIMEOUT ? timeoutDropped : 0);
            if (n > 0) {
                dropped.put(r.label(), n);
            }
        }
        long at = WallClock.micros();
        String counter = lastCounter < 0 ? "" : EventId.counterText(lastCounter);
        for (Destination d : destinations.all()) {
            if (d.acceptsLedgers()) {
                Ledger ledger = new Ledger(node, startMicros, config.name(), d.name, at, d.ownWritten(),
                        d.ownFailed(), dropped, counter, last);
                d.writeLedger(new LedgerEvent(ledger, config.resource()));
            }
        }
    }
}
