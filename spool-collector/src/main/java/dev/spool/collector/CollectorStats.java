package dev.spool.collector;

import java.util.Map;

/**
 * A snapshot of a collector's counters.
 *
 * @param connections      connections open now
 * @param connectionsTotal connections accepted since start (refused ones included)
 * @param eventsIn         event lines read that were valid events
 * @param eventsWritten    events handed to the pipeline (valid and not duplicates)
 * @param eventsAcked      event lines acknowledged to senders (written and flushed, duplicates, rejected)
 * @param duplicates       events dropped because their id was seen within the de-duplication window
 * @param rejected         lines or connections refused, by reason ({@code malformed}, {@code too_large}, ...)
 */
public record CollectorStats(int connections, long connectionsTotal, long eventsIn, long eventsWritten,
                             long eventsAcked, long duplicates, Map<String, Long> rejected) {

    /** Copies the map, keeping its order. */
    public CollectorStats {
        rejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejected));
    }

    /** Total of {@link #rejected()}. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
