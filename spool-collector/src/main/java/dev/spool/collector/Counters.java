package dev.spool.collector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The collector's counters. Written only by the server thread, so a plain increment is safe; published so
 * that {@link #snapshot()} from any thread sees recent values. The per-event counts are published with
 * {@link AtomicLong#lazySet} (an ordered store): a volatile store is a full fence on x86 that waits, twice per
 * event, for the event's parsing and allocation stores to drain (JFR put a quarter of the server thread's
 * samples just after the first one, docs/decisions/collector-1m.md). Readers only need a recent value.
 */
final class Counters {

    private final AtomicLongArray rejected = new AtomicLongArray(Reject.values().length);
    private volatile int open;
    private volatile long connectionsTotal;
    private final AtomicLong eventsIn = new AtomicLong();
    private final AtomicLong eventsWritten = new AtomicLong();
    private final AtomicLong eventsAcked = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    void refused(Reject reason) {
        rejected.incrementAndGet(reason.ordinal());
    }

    void accepted() {
        connectionsTotal++;
    }

    void open(int connections) {
        open = connections;
    }

    void eventIn() {
        eventsIn.lazySet(eventsIn.get() + 1);
    }

    void eventWritten() {
        eventsWritten.lazySet(eventsWritten.get() + 1);
    }

    void duplicate() {
        duplicates.lazySet(duplicates.get() + 1);
    }

    void acknowledged(long lines) {
        eventsAcked.lazySet(eventsAcked.get() + lines);
    }

    /** The counters now; each is current, together they are not one instant. */
    CollectorStats snapshot() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Reject r : Reject.values()) {
            byReason.put(r.label(), rejected.get(r.ordinal()));
        }
        return new CollectorStats(open, connectionsTotal, eventsIn.get(), eventsWritten.get(), eventsAcked.get(),
                duplicates.get(), byReason);
    }
}
