package dev.spool;

import dev.spool.internal.pipeline.Route;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Binding a {@link Logger} to a pipeline ({@code LoggerRegistry.bind}) writes its volatile {@code route}
 * and then its volatile {@code threshold}; a caller on another thread checks {@code threshold} and only
 * then reads {@code route} (in {@code Logger.emit}). A caller that passes the new threshold must see the
 * route, or it dereferences null. Real {@link Logger}, real fields, a real (empty) {@link Route}.
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

    private static final Route ROUTE = emptyRoute();

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

    /** Route's constructor is package-private to the pipeline; this route is never used to publish. */
    private static Route emptyRoute() {
        try {
            MethodHandle constructor = MethodHandles.privateLookupIn(Route.class, MethodHandles.lookup())
                    .findConstructor(Route.class, MethodType.methodType(void.class,
                            Class.forName("dev.spool.internal.pipeline.Pipeline"), int.class, int.class,
                            OverflowPolicy.class, Class.forName("[Ldev.spool.internal.pipeline.Destination;"),
                            int[].class));
            return (Route) constructor.invoke(null, Level.INFO.ordinal(), -1, OverflowPolicy.BLOCK, null, new int[0]);
        } catch (Throwable e) {
            throw new IllegalStateException("Route's constructor changed: update the stress test", e);
        }
    }
}
