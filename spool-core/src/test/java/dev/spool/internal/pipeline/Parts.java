package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.RouteConfig;
import dev.spool.SpoolConfig;
import dev.spool.testkit.CapturingSink;

import java.util.List;

/**
 * A pipeline's parts wired as {@link Pipeline} wires them, but with no writer thread: a test drives
 * each step (publish, drain, finish) itself and looks at the capturing sink in between.
 */
final class Parts {

    final CapturingSink sink = new CapturingSink();
    final SpoolConfig config;
    final Ring ring;
    final Destinations destinations;
    final FlushWaiters flushWaiters = new FlushWaiters();
    final Writer writer;
    final Publisher publisher;
    final RouteTable routes;

    Parts(int capacity, OverflowPolicy policy) {
        this(SpoolConfig.builder().name("parts").shutdownHook(false).jmx(false).queueCapacity(capacity), policy);
    }

    private Parts(SpoolConfig.Builder builder, OverflowPolicy policy) {
        config = builder.destination("capture", sink.factory())
                .route(new RouteConfig("root", "", Level.TRACE, List.of(new RouteConfig.Target("capture", Level.TRACE)),
                        true, policy))
                .build();
        ring = new Ring(config.queueCapacity());
        destinations = Destinations.open(config);
        writer = new Writer(ring, destinations, flushWaiters);
        publisher = new Publisher(config, ring, writer);
        routes = new RouteTable(config, destinations, publisher);
    }

    /** Logs {@code message} at {@code level} from logger {@code app} on the calling thread. */
    boolean log(Level level, String message) {
        return routes.resolve("app").log(level, message, 0, null, null, null, null, null);
    }

    List<String> written() {
        return sink.events().stream().map(CapturingSink.Captured::message).toList();
    }
}
