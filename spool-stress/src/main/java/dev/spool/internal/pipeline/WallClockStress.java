package dev.spool.internal.pipeline;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link WallClock}'s calibration: an immutable (wall time, nanoTime) pair swapped through one volatile
 * field, so a reader never combines the wall time of one calibration with the nanoTime of another.
 *
 * <p>The calibration is a private static field of a private class. The first test races the real
 * {@link WallClock#recalibrate()} against a reader of that field (through {@link PrivateFields}); the
 * second publishes real {@code Calibration} objects made with chosen values (its private constructor)
 * and reads them with the real {@link WallClock#micros()}, so a mixed pair shows in its result. The
 * field is global to the JVM, so concurrent jcstress iterations share it; the checks hold for whichever
 * calibration a reader meets.
 */
public final class WallClockStress {

    private static final Class<?> CALIBRATION = PrivateFields.nestedClass(WallClock.class, "Calibration");
    private static final VarHandle CURRENT = PrivateFields.staticField(WallClock.class, "calibration", CALIBRATION);
    private static final VarHandle EPOCH_MICROS = PrivateFields.instanceField(CALIBRATION, "epochMicros", long.class);
    private static final VarHandle NANOS = PrivateFields.instanceField(CALIBRATION, "nanos", long.class);
    private static final MethodHandle NEW_CALIBRATION = PrivateFields.constructor(CALIBRATION, long.class, long.class);
    private static final AtomicLong NEXT_VALUE = new AtomicLong();
    private static final long BASE_NANOS = System.nanoTime();
    private static final long SPAN_MICROS = 1_000_000_000_000_000L; // about 32 years: far above any test's run time
    private static final long HOUR_MICROS = 3_600_000_000L;

    private WallClockStress() {
    }

    /** The real recalibration racing a reader: the reader always meets a fully built calibration. */
    @JCStressTest
    @Description("WallClock.recalibrate publishes a fully constructed calibration")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "both fields of the calibration seen set")
    @Outcome(expect = FORBIDDEN, desc = "a calibration seen before its fields were written")
    @State
    public static class RecalibrationIsWhole {
        public RecalibrationIsWhole() {
            WallClock.recalibrate(); // replaces whatever another test in this JVM may have left there
        }

        @Actor
        public void writer() {
            WallClock.recalibrate();
        }

        @Actor
        public void reader(I_Result r) {
            Object c = CURRENT.getVolatile();
            // A real calibration has a wall time after 2020 and a nanoTime read: never both zero-ish.
            r.r1 = (long) EPOCH_MICROS.get(c) > 1_577_836_800_000_000L && (long) NANOS.get(c) != 0 ? 1 : 0;
        }
    }

    /**
     * Real {@code Calibration}s with chosen values published through the real field, read by the real
     * {@link WallClock#micros()}. The values are picked so each pair gives a result in its own band and
     * any mix of two pairs lands far outside both: "even" (wall 0, nanos base) reads about 0, "odd"
     * (wall 2 spans, nanos base minus a span) about 3 spans, a mix about 1 or 2 spans. The first reads
     * may still meet the JVM's own calibration, which reads about now.
     */
    @JCStressTest
    @Description("WallClock.micros never mixes the wall time of one calibration with the nanoTime of another")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "micros() came from one calibration")
    @Outcome(expect = FORBIDDEN, desc = "micros() mixed two calibrations")
    @State
    public static class PairIsSwappedWhole {
        private final Object next = NEXT_VALUE.getAndIncrement() % 2 == 0
                ? newCalibration(0, BASE_NANOS)
                : newCalibration(2 * SPAN_MICROS, BASE_NANOS - SPAN_MICROS * 1_000);

        @Actor
        public void writer() {
            CURRENT.setVolatile(next); // what recalibrate() does with a Calibration.now()
        }

        @Actor
        public void reader(I_Result r) {
            long micros = WallClock.micros();
            boolean even = micros >= 0 && micros < SPAN_MICROS / 2;
            boolean odd = micros >= 3 * SPAN_MICROS && micros < 3 * SPAN_MICROS + SPAN_MICROS / 2;
            boolean jvmOwn = Math.abs(micros - System.currentTimeMillis() * 1_000) < HOUR_MICROS;
            r.r1 = even || odd || jvmOwn ? 1 : 0;
        }
    }

    /**
     * DEMONSTRATION, not a check of Spool: the pair kept as two volatile fields written one after the
     * other. A reader between the two writes mixes two calibrations; that needs no reordering at all,
     * only an unlucky interleaving, which is why Spool swaps one immutable object instead.
     */
    @JCStressTest
    @Description("DEMONSTRATION: two separate volatile fields give mixed pairs")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "the pair matches")
    @Outcome(id = "0", expect = ACCEPTABLE_INTERESTING, desc = "the bug: a mixed pair")
    @State
    public static class BrokenTwoFields {
        private volatile long epochMicros = 1;
        private volatile long nanos = 1;

        @Actor
        public void writer() {
            epochMicros = 2;
            nanos = 2;
        }

        @Actor
        public void reader(I_Result r) {
            long e = epochMicros;
            long n = nanos;
            r.r1 = e == n ? 1 : 0;
        }
    }

    private static Object newCalibration(long epochMicros, long nanos) {
        try {
            return NEW_CALIBRATION.invoke(epochMicros, nanos);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build a Calibration", e);
        }
    }
}
