package dev.spool.sink;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** When a rolling file rotates by time: never, at each hour or at each midnight of a time zone. */
enum Schedule {

    NONE, HOURLY, DAILY;

    /** The first boundary strictly after {@code millis}, or {@link Long#MAX_VALUE} for {@link #NONE}. */
    long nextBoundaryMillis(long millis, ZoneId zone) {
        ZonedDateTime at = Instant.ofEpochMilli(millis).atZone(zone);
        switch (this) {
            case HOURLY:
                return at.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant().toEpochMilli();
            case DAILY:
                return at.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            default:
                return Long.MAX_VALUE;
        }
    }
}
