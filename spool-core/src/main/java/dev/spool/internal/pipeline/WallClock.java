package dev.spool.internal.pipeline;

import java.time.Clock;
import java.time.Instant;

/**
 * Microsecond wall-clock time without allocating per call: a calibration point (wall time and
 * {@link System#nanoTime()} read together) plus elapsed nanoseconds.
 *
 * <p>The writer thread recalibrates about once a second, so the error against the system clock stays
 * within the nanoTime drift of one second (microseconds), and steps of the system clock (NTP) are
 * followed within a second. A recalibration can move time back by that drift: timestamps are not a
 * total order; event ids and per-thread queue order are.
 */
final class WallClock {

    private static volatile Calibration calibration = Calibration.now();

    private WallClock() {
    }

    static long micros() {
        Calibration c = calibration; // one volatile read of an immutable pair
        return c.epochMicros + (System.nanoTime() - c.nanos) / 1_000;
    }

    static void recalibrate() {
        calibration = Calibration.now();
    }

    private static final class Calibration {
        final long epochMicros;
        final long nanos;

        private Calibration(long epochMicros, long nanos) {
            this.epochMicros = epochMicros;
            this.nanos = nanos;
        }

        static Calibration now() {
            Instant instant = Clock.systemUTC().instant();
            long nanos = System.nanoTime();
            return new Calibration(instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000, nanos);
        }
    }
}
