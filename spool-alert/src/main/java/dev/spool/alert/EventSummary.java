package dev.spool.alert;

import dev.spool.EventId;
import dev.spool.Level;

/** What a notification tells about one event: a copy, never a reference to the ingest's event. */
record EventSummary(long idHigh, long idLow, long timestampMicros, Level level, String service, String logger,
                    String message) {

    String id() {
        return EventId.toString(idHigh, idLow);
    }
}
