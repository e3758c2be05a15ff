package dev.spool.collector;

import java.util.Map;

/**
 * A snapshot of the counters of a collector's OTLP/HTTP listeners.
 *
 * @param requests       requests received, answered or not
 * @param accepted       requests answered 200: their events written and flushed
 * @param eventsIn       log records decoded from accepted and flush-failed requests
 * @param eventsWritten  events handed to the pipeline (not duplicates)
 * @param duplicates     records dropped because their {@code log.record.uid} was seen within the window
 * @param refused        requests refused, by reason: {@code bad_request} (400), {@code too_large} (413),
 *                       {@code unsupported} (415), {@code not_found} (404), {@code method} (405),
 *                       {@code overloaded} (503, too many requests at once), {@code not_flushed} (503,
 *                       the pipeline did not flush in time)
 */
public record OtlpStats(long requests, long accepted, long eventsIn, long eventsWritten, long duplicates,
                        Map<String, Long> refused) {

    /** Copies the map, keeping its order. */
    public OtlpStats {
        refused = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(refused));
    }
}
