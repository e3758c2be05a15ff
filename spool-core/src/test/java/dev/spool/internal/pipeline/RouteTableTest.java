package dev.spool.internal.pipeline;

import dev.spool.DestinationConfig;
import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.RouteConfig;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private final CapturingSink all = new CapturingSink();
    private final CapturingSink db = new CapturingSink();
    private final CapturingSink audit = new CapturingSink();
    private final CapturingSink alerts = new CapturingSink();
    private final RouteTable table;

    RouteTableTest() {
        SpoolConfig config = SpoolConfig.builder().name("routes").shutdownHook(false).jmx(false)
                .destination("all", all.factory()).destination("db", db.factory())
                .destination("audit", audit.factory())
                .destination(new DestinationConfig("alerts", "capture", alerts.factory(), Level.ERROR))
                .route(route("root", "", Level.INFO, true, OverflowPolicy.DROP, "all", Level.TRACE))
                .route(new RouteConfig("db", "app.db", Level.DEBUG, List.of(new RouteConfig.Target("db", Level.TRACE),
                        new RouteConfig.Target("alerts", Level.TRACE)), true, null))
                .route(route("slow", "app.db.slow", Level.WARN, true, OverflowPolicy.SYNC_FALLBACK, "all", Level.WARN))
                .route(route("audit", "audit", Level.TRACE, false, OverflowPolicy.BLOCK, "audit", Level.TRACE))
                .build();
        table = new RouteTable(config, Destinations.open(config), null);
    }

    private static RouteConfig route(String name, String prefix, Level level, boolean additive, OverflowPolicy policy,
                                     String destination, Level minLevel) {
        return new RouteConfig(name, prefix, level, List.of(new RouteConfig.Target(destination, minLevel)), additive, policy);
    }

    /** Sends one event at {@code level} through the route of {@code logger}, as the writer does. */
    private void dispatch(String logger, Level level) {
        Slot event = new Slot();
        event.level = level;
        event.logger = logger;
        event.message.append(level.name());
        table.resolve(logger).dispatch(event);
    }

    private static List<String> levels(CapturingSink sink) {
        return sink.events().stream().map(e -> e.level().name()).toList();
    }

    @Nested
    class Levels {

        @Test
        void comesFromTheMostSpecificMatchingRoute() {
            assertThat(table.resolve("app.db.pool").threshold(null, -1)).isEqualTo(Level.DEBUG.ordinal());
            assertThat(table.resolve("app.web").threshold(null, -1)).isEqualTo(Level.INFO.ordinal());
            assertThat(table.resolve("audit.login").threshold(null, -1)).isEqualTo(Level.TRACE.ordinal());
        }

        @Test
        void matchesPrefixesOnADotBoundaryOnly() {
            assertThat(table.resolve("app.dbx").threshold(null, -1)).as("app.dbx is not under app.db")
                    .isEqualTo(Level.INFO.ordinal());
            assertThat(table.resolve("app.db").threshold(null, -1)).isEqualTo(Level.DEBUG.ordinal());
        }

        @Test
        void anOverrideAppliesWhenItIsAtLeastAsSpecificAsTheRoute() {
            Route route = table.resolve("app.db.pool");
            assertThat(route.threshold(Level.ERROR, "app.db".length())).isEqualTo(Level.ERROR.ordinal());
            assertThat(route.threshold(Level.ERROR, "app".length())).as("less specific than the route")
                    .isEqualTo(Level.DEBUG.ordinal());
        }

        @Test
        void isOffWhenNoRouteMatches() {
            SpoolConfig empty = SpoolConfig.builder().name("none").shutdownHook(false).jmx(false)
                    .destination("all", all.factory()).route("only", "only", Level.INFO, "all").build();
            Route route = new RouteTable(empty, Destinations.open(empty), null).resolve("elsewhere");
            assertThat(route.threshold(null, -1)).isEqualTo(Level.OFF);
            assertThat(route.policy).isEqualTo(OverflowPolicy.BLOCK);
        }
    }

    @Nested
    class Targets {

        @Test
        void anAdditiveRouteAlsoReachesTheLessSpecificRoutesDestinations() {
            dispatch("app.db.pool", Level.DEBUG);
            assertThat(levels(db)).containsExactly("DEBUG");
            assertThat(levels(all)).containsExactly("DEBUG");
        }

        @Test
        void aDestinationReachedTwiceTakesTheLowestLevelAskedAndGetsTheEventOnce() {
            dispatch("app.db.slow", Level.DEBUG); // "slow" asks WARN of all, the root TRACE: the root wins
            assertThat(levels(all)).containsExactly("DEBUG");
        }

        @Test
        void aDestinationsOwnMinimumLevelHolds() {
            dispatch("app.db.pool", Level.WARN);
            dispatch("app.db.pool", Level.ERROR);
            assertThat(levels(alerts)).containsExactly("ERROR");
        }

        @Test
        void aNonAdditiveRouteStopsAtItself() {
            dispatch("audit.login", Level.INFO);
            assertThat(levels(audit)).containsExactly("INFO");
            assertThat(all.events()).isEmpty();
        }
    }

    @Nested
    class Overflow {

        @Test
        void comesFromTheMostSpecificRouteThatSetsOne() {
            assertThat(table.resolve("app.db.slow.query").policy).isEqualTo(OverflowPolicy.SYNC_FALLBACK);
            assertThat(table.resolve("audit").policy).isEqualTo(OverflowPolicy.BLOCK);
        }

        @Test
        void isInheritedFromALessSpecificRouteWhenNotSet() {
            assertThat(table.resolve("app.db.pool").policy).isEqualTo(OverflowPolicy.DROP);
        }
    }

    @Test
    void eventsMadeElsewhereFindTheSameRouteEachTime() {
        Route first = table.cached("app.db.pool");
        assertThat(table.cached("app.db.pool")).isSameAs(first);
        assertThat(first.threshold(null, -1)).isEqualTo(Level.DEBUG.ordinal());
    }
}
