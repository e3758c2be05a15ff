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
 * <p>The calibration is a private static field of a private class. The first test drives it through
 * the real {@link WallClock#recalibrate()}; the second publishes real {@code Calibration} objects made
 * with chosen values (its private constructor, through {@link PrivateFields}) so a mixed pair would be
 * visible. Both read the real field the way {@link WallClock#micros()} does: one volatile read, then
 * the two final fields. The field is global to the JVM, so concurrent jcstress iterations share it;
 * the checks hold for whichever calibration a reader meets.
 */
public final class WallClockStress {

    static final Class<?> CALIBRATION = PrivateFields.nestedClass(WallClock.class, "Calibration");
    static final VarHandle CURRENT = PrivateFields.staticField(WallClock.class, "calibration", CALIBRATION);
    static final VarHandle EPOCH_MICROS = PrivateFields.instanceField(CALIBRATION, "epochMicros", long.class);
    static final VarHandle NANOS = PrivateFields.instanceField(CALIBRATION, "nanos", long.class);
    static final MethodHandle NEW_CALIBRATION = PrivateFields.constructor(CALIBRATION, long.class, long.class);
    static final AtomicLong NEXT_VALUE = new AtomicLong(1);

    private WallClockStress() {
    }

    /** The real recalibration racing a reader: the reader always meets a fully built calibration. */
    @JCStressTest
    @Description("WallClock.recalibrate publishes a fully constructed calibration")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "both fields of the calibration seen set")
    @Outcome(expect = FORBIDDEN, desc = "a calibration seen before its fields were written")
    @State
    public static class RecalibrationIsWhole {
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

    /** Calibrations whose two fields are equal by construction: a reader must never see them differ. */
    @JCStressTest
    @Description("The calibration pair is swapped as one: wall time and nanoTime come from the same point")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "the pair matches")
    @Outcome(expect = FORBIDDEN, desc = "wall time of one calibration mixed with the nanoTime of another")
    @State
    public static class PairIsSwappedWhole {
        private final Object next = newCalibration(NEXT_VALUE.getAndIncrement());

        @Actor
        public void writer() {
            CURRENT.setVolatile(next); // what recalibrate() does with a Calibration.now()
        }

        @Actor
        public void reader(I_Result r) {
            Object c = CURRENT.getVolatile();
            long epochMicros = (long) EPOCH_MICROS.get(c);
            long nanos = (long) NANOS.get(c);
            r.r1 = epochMicros == nanos || isRealCalibration(epochMicros) ? 1 : 0;
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

    private static Object newCalibration(long value) {
        try {
            return NEW_CALIBRATION.invoke(value, value);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build a Calibration", e);
        }
    }

    /** The calibration made when the JVM loaded WallClock, before any test value replaced it. */
    private static boolean isRealCalibration(long epochMicros) {
        return epochMicros > 1_577_836_800_000_000L;
    }
}
