package dev.spool;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable configuration of one pipeline: resource, queue, shutdown, destinations and routes.
 *
 * <p>Built in code with {@link #builder()} or read from a file with {@link dev.spool.config.ConfigFile}.
 * Validated in the constructor: an error names the key, the bad value and what is accepted. A running
 * pipeline never sees its configuration change; {@link Spool#configure} builds a new pipeline and swaps
 * it in. Only levels change live ({@link Spool#setLevel}).
 *
 * @param name            pipeline name, used for the JMX object name and the writer thread
 * @param queueCapacity   slots in the queue, rounded up to a power of two
 * @param maxBatch        most events the writer takes before it flushes destinations
 * @param shutdownTimeout how long shutdown drains before it gives up and reports what was not written
 * @param shutdownHook    whether a JVM shutdown hook drains this pipeline
 * @param highWaterMark   queue fill ratio above which a (rate-limited) warning is printed
 * @param jmx             whether to register the stats MBean
 * @param maxMessageChars longest formatted message kept; a longer one is cut there and marked
 * @param ledgerInterval  how often the pipeline writes its ledgers (docs/audit.md); zero turns them off
 */
public record SpoolConfig(String name, Resource resource, int queueCapacity, int maxBatch,
                          Duration shutdownTimeout, boolean shutdownHook, double highWaterMark, boolean jmx,
                          int maxMessageChars, Map<String, DestinationConfig> destinations, List<RouteConfig> routes,
                          Duration ledgerInterval) {

    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final int DEFAULT_MAX_BATCH = 1_024;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    public static final double DEFAULT_HIGH_WATER_MARK = 0.8;
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 1 << 20;
    public static final Duration DEFAULT_LEDGER_INTERVAL = Duration.ofSeconds(10);
    private static final int MAX_QUEUE_CAPACITY = 1 << 24;

    /** Validates everything and rounds the queue capacity up to a power of two. */
    public SpoolConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("bad value '" + name + "' for key 'name': expected a non-empty name");
        }
        if (resource == null) {
            throw new IllegalArgumentException("resource must be set");
        }
        if (queueCapacity < 16 || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("bad value '" + queueCapacity
                    + "' for key 'queue.capacity': expected 16 to " + MAX_QUEUE_CAPACITY);
        }
        queueCapacity = Integer.highestOneBit(queueCapacity - 1) << 1;
        if (maxBatch < 1) {
            throw new IllegalArgumentException("bad value '" + maxBatch + "' for key 'queue.maxBatch': expected at least 1");
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("bad value '" + shutdownTimeout
                    + "' for key 'shutdown.timeout': expected a duration of zero or more");
        }
        if (!(highWaterMark > 0 && highWaterMark <= 1)) {
            throw new IllegalArgumentException("bad value '" + highWaterMark
                    + "' for key 'queue.highWaterMark': expected a ratio above 0 and at most 1");
        }
        if (ledgerInterval == null || ledgerInterval.isNegative()) {
            throw new IllegalArgumentException("bad value '" + ledgerInterval
                    + "' for key 'ledger.interval': expected a duration of zero (off) or more");
        }
        if (maxMessageChars < 64) {
            throw new IllegalArgumentException("bad value '" + maxMessageChars
                    + "' for key 'message.maxChars': expected at least 64");
        }
        destinations = Map.copyOf(destinations);
        routes = List.copyOf(routes);
        checkRoutes(routes, destinations);
    }

    private static void checkRoutes(List<RouteConfig> routes, Map<String, DestinationConfig> destinations) {
        Set<String> names = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (RouteConfig route : routes) {
            if (!names.add(route.name())) {
                throw new IllegalArgumentException("route '" + route.name() + "' is defined twice");
            }
            if (!prefixes.add(route.loggerPrefix())) {
                throw new IllegalArgumentException("bad value '" + route.loggerPrefix() + "' for key 'route."
                        + route.name() + ".logger': another route already has this logger prefix");
            }
            for (RouteConfig.Target target : route.targets()) {
                if (!destinations.containsKey(target.destination())) {
                    throw new IllegalArgumentException("bad value '" + target.destination() + "' for key 'route."
                            + route.name() + ".destinations': no such destination; defined are "
                            + destinations.keySet());
                }
            }
        }
    }

    /** A builder with the defaults: service from the environment, console at INFO if no route is added. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration used when there is none: everything at INFO and above to stdout as text. */
    /**
     * The common case of shipping through RabbitMQ, in one call: service {@code service}, every logger at
     * INFO and above to an {@code amqp} destination named {@code amqp} at {@code url}
     * ({@code amqp://USER:PASSWORD@HOST:PORT/VHOST} or {@code amqps://...}), spooling to the default
     * per-service directory. Needs {@code spool-amqp} on the class path (docs/amqp.md); for more, use
     * {@link #builder()}.
     *
     * @throws IllegalArgumentException naming the bad value, or saying the {@code amqp} type is not on the class path
     */
    public static SpoolConfig amqp(String service, String url) {
        return builder().service(service).destination("amqp", "amqp", Map.of("url", url))
                .route("root", "", Level.INFO, "amqp").build();
    }

    public static SpoolConfig defaults() {
        return builder()
                .destination("console", "console", Map.of())
                .route(new RouteConfig("root", "", Level.INFO,
                        List.of(new RouteConfig.Target("console", Level.TRACE)), true, null))
                .build();
    }

    /** A configuration with the default ledger interval. */
    public SpoolConfig(String name, Resource resource, int queueCapacity, int maxBatch, Duration shutdownTimeout,
                       boolean shutdownHook, double highWaterMark, boolean jmx, int maxMessageChars,
                       Map<String, DestinationConfig> destinations, List<RouteConfig> routes) {
        this(name, resource, queueCapacity, maxBatch, shutdownTimeout, shutdownHook, highWaterMark, jmx,
                maxMessageChars, destinations, routes, DEFAULT_LEDGER_INTERVAL);
    }

    /** Builds a {@link SpoolConfig}; not thread-safe. */
    public static final class Builder {
        private String name = "default";
        private Resource resource;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private boolean shutdownHook = true;
        private double highWaterMark = DEFAULT_HIGH_WATER_MARK;
        private boolean jmx = true;
        private int maxMessageChars = DEFAULT_MAX_MESSAGE_CHARS;
        private Duration ledgerInterval = DEFAULT_LEDGER_INTERVAL;
        private final Map<String, DestinationConfig> destinations = new LinkedHashMap<>();
        private final List<RouteConfig> routes = new ArrayList<>();

        private Builder() {
        }

        public Builder name(String pipelineName) { this.name = pipelineName; return this; }
        public Builder resource(Resource r) { this.resource = r; return this; }
        /** Sets the service name with this host and pid. */
        public Builder service(String service) { this.resource = Resource.ofService(service); return this; }
        public Builder queueCapacity(int slots) { this.queueCapacity = slots; return this; }
        public Builder maxBatch(int events) { this.maxBatch = events; return this; }
        public Builder shutdownTimeout(Duration timeout) { this.shutdownTimeout = timeout; return this; }
        public Builder shutdownHook(boolean enabled) { this.shutdownHook = enabled; return this; }
        public Builder highWaterMark(double ratio) { this.highWaterMark = ratio; return this; }
        public Builder jmx(boolean enabled) { this.jmx = enabled; return this; }
        public Builder maxMessageChars(int chars) { this.maxMessageChars = chars; return this; }
        /** How often ledgers are written (docs/audit.md); {@link Duration#ZERO} turns them off. */
        public Builder ledgerInterval(Duration interval) { this.ledgerInterval = interval; return this; }

        /**
         * Adds a destination of a registered type ({@code console}, {@code file}, {@code rolling}, ...)
         * with its options, validated now.
         */
        public Builder destination(String destinationName, String type, Map<String, String> options) {
            Options opts = new Options("destination." + destinationName + ".", options);
            return destination(new DestinationConfig(destinationName, type,
                    SinkProviders.find(type, "destination." + destinationName + ".type").configure(opts),
                    opts.level("level", Level.TRACE)));
        }

        /** Adds a destination whose sink is made by code. */
        public Builder destination(String destinationName, SinkFactory factory) {
            return destination(new DestinationConfig(destinationName, "custom", factory, Level.TRACE));
        }

        public Builder destination(DestinationConfig destination) {
            if (destinations.putIfAbsent(destination.name(), destination) != null) {
                throw new IllegalArgumentException("destination '" + destination.name() + "' is defined twice");
            }
            return this;
        }

        /** Adds an additive, blocking route from {@code loggerPrefix} at {@code level} to destinations. */
        public Builder route(String routeName, String loggerPrefix, Level level, String... destinationNames) {
            List<RouteConfig.Target> targets = new ArrayList<>();
            Arrays.stream(destinationNames).forEach(d -> targets.add(new RouteConfig.Target(d, Level.TRACE)));
            return route(new RouteConfig(routeName, loggerPrefix, level, targets, true, null));
        }

        public Builder route(RouteConfig route) {
            routes.add(route);
            return this;
        }

        /** Validates and builds. With no route at all, a root route to a console destination is added. */
        public SpoolConfig build() {
            if (routes.isEmpty()) {
                if (!destinations.containsKey("console")) {
                    destination("console", "console", Map.of());
                }
                routes.add(new RouteConfig("root", "", Level.INFO,
                        List.of(new RouteConfig.Target("console", Level.TRACE)), true, null));
            }
            return new SpoolConfig(name, resource == null ? Resource.detect() : resource, queueCapacity, maxBatch,
                    shutdownTimeout, shutdownHook, highWaterMark, jmx, maxMessageChars, destinations, routes, ledgerInterval);
        }
    }
}
