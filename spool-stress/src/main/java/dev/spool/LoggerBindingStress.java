package dev.spool;

import dev.spool.spi.Arguments;
import dev.spool.spi.KeyValues;
import dev.spool.spi.LogRoute;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Binding a {@link Logger} to a pipeline ({@code LoggerRegistry.bind}) writes its volatile {@code route}
 * and then its volatile {@code threshold}; a caller on another thread checks {@code threshold} and only
 * then reads {@code route} (in {@code Logger.emit}). A caller that passes the new threshold must see the
 * route, or it dereferences null. Real {@link Logger}, real fields; the route is any {@link LogRoute}, since
 * the logger only stores and reads the reference.
 *
 * <p>r1 = 1: the caller passed the INFO threshold; r2 = 1: it saw the route.
 */
@JCStressTest
@Description("Logger.route is written before Logger.threshold: passing the threshold implies a route")
@Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "still off: the caller returns before reading the route")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "enabled and routed")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "enabled without a route: emit would throw NullPointerException")
@State
public class LoggerBindingStress {

    private static final LogRoute ROUTE = new UnusedRoute();

    private final Logger logger = new Logger("app.orders");

    @Actor
    public void binder() {
        logger.route = ROUTE;                       // LoggerRegistry.bind
        logger.threshold = Level.INFO.ordinal();    // then bindThreshold
    }

    @Actor
    public void caller(II_Result r) {
        r.r1 = Level.INFO.ordinal() >= logger.threshold ? 1 : 0; // Logger.info's check
        r.r2 = logger.route != null ? 1 : 0;                      // then emit's first read
    }

    /** A route this test never publishes to. */
    private static final class UnusedRoute implements LogRoute {
        @Override public int threshold(Level override, int overridePrefixLength) { return Level.INFO.ordinal(); }
        @Override public boolean log(Level level, String pattern, int argc, Object a0, Object a1, Object[] args,
                                     Throwable thrown, KeyValues fields) { return true; }
        @Override public boolean log(Level level, String pattern, int kind, long longValue, double doubleValue) {
            return true;
        }
        @Override public boolean log(Level level, String pattern, Arguments args, Throwable thrown,
                                     KeyValues fields) { return true; }
        @Override public boolean metric(String name, double value, String unit, KeyValues tags) { return true; }
        @Override public void countAfterShutdown() { }
    }
}
