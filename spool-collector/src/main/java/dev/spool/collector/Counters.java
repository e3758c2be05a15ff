package dev.spool.collector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The collector's counters. Written only by the server thread, so a plain increment of a volatile is
 * safe; volatile so that {@link #snapshot()} from any thread sees recent values.
 */
final class Counters {

    private final AtomicLongArray rejected = new AtomicLongArray(Reject.values().length);
    private volatile int open;
    private volatile long connectionsTotal;
    private volatile long eventsIn;
    private volatile long eventsWritten;
    private volatile long eventsAcked;
    private volatile long duplicates;

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
        eventsIn++;
    }

    void eventWritten() {
        eventsWritten++;
    }

    void duplicate() {
        duplicates++;
    }

    void acknowledged(long lines) {
        eventsAcked += lines;
    }

    /** The counters now; each is current, together they are not one instant. */
    CollectorStats snapshot() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Reject r : Reject.values()) {
            byReason.put(r.label(), rejected.get(r.ordinal()));
        }
        return new CollectorStats(open, connectionsTotal, eventsIn, eventsWritten, eventsAcked, duplicates, byReason);
    }
}
