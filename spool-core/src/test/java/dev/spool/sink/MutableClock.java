package dev.spool.sink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets by hand; optionally ticks one millisecond each time it is read. */
final class MutableClock extends Clock {

    private Instant now;
    private final boolean ticking;

    private MutableClock(Instant start, boolean ticking) {
        this.now = start;
        this.ticking = ticking;
    }

    static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant), false);
    }

    /** A clock that advances by one millisecond on every read, so no two rotations share a name. */
    static MutableClock ticking(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant), true);
    }

    void set(String isoInstant) {
        now = Instant.parse(isoInstant);
    }

    void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        Instant read = now;
        if (ticking) {
            now = now.plusMillis(1);
        }
        return read;
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sinks read instants only");
    }
}
