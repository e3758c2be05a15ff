package dev.spool.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One stored metric sample; its tags are the event's fields. */
public record MetricSample(String eventId, long timestampMicros, String name, double value, String unit,
                           Map<String, String> tags) {

    public MetricSample {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags)); // keeps the order they were logged in
    }
}
