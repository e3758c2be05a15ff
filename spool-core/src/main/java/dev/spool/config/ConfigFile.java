package dev.spool.config;

import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.Resource;
import dev.spool.RouteConfig;
import dev.spool.SpoolConfig;
import dev.spool.spi.Options;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Spool's configuration file: Java properties, UTF-8, flat keys.
 *
 * <pre>
 * service = checkout
 * destination.threaded.type = file
 * destination.threaded.path = logs/high_concurrency/threaded.log
 * route.concurrency.logger = CONCURRENCY
 * route.concurrency.level = INFO
 * route.concurrency.destinations = threaded
 * </pre>
 *
 * Values may use {@code ${sys:name}} and {@code ${env:NAME}}, with {@code :-default}; <code>$${</code> is a
 * literal <code>${</code>. Substitution happens here, in configuration values only, never in events.
 * docs/configuration.md lists every key.
 */
public final class ConfigFile {

    /** File name looked for in the working directory and on the classpath. */
    public static final String DEFAULT_NAME = "spool.properties";

    /** The key that asks Spool to check the file for changes every so often: {@code config.watch = 30s}. */
    public static final String WATCH_KEY = "config.watch";

    /** The shortest accepted {@value #WATCH_KEY} interval. */
    public static final Duration MIN_WATCH_INTERVAL = Duration.ofMillis(100);

    /**
     * A configuration together with where it came from, so that it can be read again.
     *
     * @param config        the validated configuration
     * @param file          the file it was read from; empty for properties given in code and for a
     *                      classpath resource that is not a plain file (inside a jar)
     * @param watchInterval how often to check the file for changes ({@value #WATCH_KEY}); zero when off
     */
    public record Loaded(SpoolConfig config, Optional<Path> file, Duration watchInterval) {
        /** Checks that nothing is null. */
        public Loaded {
            java.util.Objects.requireNonNull(config, "config");
            java.util.Objects.requireNonNull(file, "file");
            java.util.Objects.requireNonNull(watchInterval, "watchInterval");
        }
    }

    private static final Set<String> TOP_LEVEL = Set.of("name", "service", "host", "queue.capacity",
            "queue.maxBatch", "queue.highWaterMark", "shutdown.timeout", "shutdown.hook", "jmx", "message.maxChars",
            WATCH_KEY, "ledger.interval");
    private static final Set<String> ROUTE_KEYS = Set.of("logger", "level", "destinations", "additive", "overflow");

    private ConfigFile() {
    }

    /**
     * Finds the configuration: the file named by {@code -Dspool.config}, else by {@code $SPOOL_CONFIG},
     * else {@code ./spool.properties}, else {@code spool.properties} on the classpath.
     *
     * @return empty when there is none
     * @throws IllegalArgumentException if the named file is missing or the configuration is invalid
     */
    public static Optional<SpoolConfig> discover() {
        return find().map(Loaded::config);
    }

    /**
     * As {@link #discover()}, with the file the configuration was read from and its
     * {@value #WATCH_KEY} interval.
     *
     * @return empty when there is no configuration
     * @throws IllegalArgumentException if the named file is missing or the configuration is invalid
     */
    public static Optional<Loaded> find() {
        return find(System::getProperty, System::getenv, Path.of(DEFAULT_NAME));
    }

    /**
     * The file {@link #find()} reads, without reading it: the file named by {@code -Dspool.config} or
     * {@code $SPOOL_CONFIG} (whether or not it exists), else {@code ./spool.properties} if it exists, else
     * {@code spool.properties} on the classpath if that is a plain file. Lets a broken file be read
     * again once fixed. Never throws.
     *
     * @return empty when there is no such file (or it is inside a jar)
     */
    public static Optional<Path> locate() {
        try {
            return locate(System::getProperty, System::getenv, Path.of(DEFAULT_NAME));
        } catch (RuntimeException e) {
            return Optional.empty(); // an unusable path name: nothing to read again either
        }
    }

    static Optional<Path> locate(Function<String, String> sys, Function<String, String> env, Path local) {
        String named = sys.apply("spool.config");
        if (named == null || named.isBlank()) {
            named = env.apply("SPOOL_CONFIG");
        }
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        if (Files.isRegularFile(local)) {
            return Optional.of(local);
        }
        URL url = ConfigFile.class.getClassLoader().getResource(DEFAULT_NAME);
        if (url == null && Thread.currentThread().getContextClassLoader() != null) {
            url = Thread.currentThread().getContextClassLoader().getResource(DEFAULT_NAME);
        }
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return Optional.of(Path.of(url.toURI()));
            } catch (java.net.URISyntaxException | IllegalArgumentException notAPath) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<SpoolConfig> discover(Function<String, String> sys, Function<String, String> env, Path local) {
        return find(sys, env, local).map(Loaded::config);
    }

    static Optional<Loaded> find(Function<String, String> sys, Function<String, String> env, Path local) {
        String named = sys.apply("spool.config");
        String source = "-Dspool.config";
        if (named == null || named.isBlank()) {
            named = env.apply("SPOOL_CONFIG");
            source = "$SPOOL_CONFIG";
        }
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("configuration file " + path.toAbsolutePath()
                        + " (from " + source + ") does not exist");
            }
            return Optional.of(read(path, sys, env));
        }
        if (Files.isRegularFile(local)) {
            return Optional.of(read(local, sys, env));
        }
        URL url = ConfigFile.class.getClassLoader().getResource(DEFAULT_NAME);
        if (url == null && Thread.currentThread().getContextClassLoader() != null) {
            url = Thread.currentThread().getContextClassLoader().getResource(DEFAULT_NAME);
        }
        if (url == null) {
            return Optional.empty();
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Optional.of(read(Path.of(url.toURI()), sys, env)); // a directory on the class path
            } catch (java.net.URISyntaxException | IllegalArgumentException notAPath) {
                // fall through: read it as a resource
            }
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(parse(read(in, url.toString()), url.toString(), Optional.empty(), sys, env));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** Reads and validates a file, with system properties and the environment for substitution. */
    public static SpoolConfig load(Path file) {
        return load(file, System::getProperty, System::getenv);
    }

    static SpoolConfig load(Path file, Function<String, String> sys, Function<String, String> env) {
        return read(file, sys, env).config();
    }

    /**
     * Reads and validates a file, with system properties and the environment for substitution, keeping
     * the file and its {@value #WATCH_KEY} interval.
     *
     * @throws IllegalArgumentException if the file cannot be read or the configuration is invalid
     */
    public static Loaded read(Path file) {
        return read(file, System::getProperty, System::getenv);
    }

    static Loaded read(Path file, Function<String, String> sys, Function<String, String> env) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(read(in, file.toString()), file.toString(), Optional.of(file), sys, env);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Validates properties already read (keys and raw values). */
    public static SpoolConfig parse(Properties properties) {
        return parse(toMap(properties), "properties", System::getProperty, System::getenv);
    }

    /**
     * Expands {@code ${sys:name}}, {@code ${env:NAME}} (with {@code :-default}) and <code>$${</code> in one
     * configuration value, for modules that read their own keys from a properties file.
     *
     * @throws IllegalArgumentException naming {@code key} when a variable is unknown, unset without a
     *         default, or not closed
     */
    public static String substitute(String key, String value, Function<String, String> sys,
                                    Function<String, String> env) {
        return new Variables(sys, env).substitute(key, value);
    }

    private static Map<String, String> read(InputStream in, String source) throws IOException {
        Properties p = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IllegalArgumentException e) {
            // Properties refuses a bad \\u escape with a bare "Malformed \\uxxxx encoding." naming neither the
            // file nor the line; the file at least, and the fix
            throw new IllegalArgumentException(source + ": a \\u escape is not followed by four hexadecimal digits"
                    + " (write \\\\u for a literal \\u)", e);
        }
        return toMap(p);
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> map = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            map.put(key.trim(), p.getProperty(key).trim());
        }
        return map;
    }

    static SpoolConfig parse(Map<String, String> raw, String source, Function<String, String> sys,
                             Function<String, String> env) {
        return parse(raw, source, Optional.empty(), sys, env).config();
    }

    private static Loaded parse(Map<String, String> raw, String source, Optional<Path> file,
                                Function<String, String> sys, Function<String, String> env) {
        try {
            Map<String, String> values = new TreeMap<>();
            Variables variables = new Variables(sys, env);
            raw.forEach((k, v) -> values.put(k, variables.substitute(k, v)));
            Duration watch = watchInterval(new Options("", Map.of()), values.get(WATCH_KEY));
            return new Loaded(build(values), file, watch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static SpoolConfig build(Map<String, String> values) {
        Map<String, String> top = new TreeMap<>();
        Map<String, Map<String, String>> destinations = new LinkedHashMap<>();
        Map<String, Map<String, String>> routes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("destination.")) {
                put(destinations, key, "destination.", e.getValue());
            } else if (key.startsWith("route.")) {
                put(routes, key, "route.", e.getValue());
            } else {
                top.put(key, e.getValue());
            }
        }
        Options topOptions = new Options("", top).requireOnly(TOP_LEVEL);
        SpoolConfig.Builder b = SpoolConfig.builder();
        applyTop(b, topOptions);
        destinations.forEach((name, opts) -> addDestination(b, name, opts));
        routes.forEach((name, opts) -> b.route(route(name, new Options("route." + name + ".", opts))));
        return b.build();
    }

    private static void put(Map<String, Map<String, String>> groups, String key, String prefix, String value) {
        String rest = key.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw new IllegalArgumentException("unknown key '" + key + "': expected " + prefix + "NAME.OPTION");
        }
        groups.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>()).put(rest.substring(dot + 1), value);
    }

    private static void applyTop(SpoolConfig.Builder b, Options o) {
        b.name(o.string("name", "default"));
        Resource detected = Resource.detect();
        b.resource(new Resource(o.string("service", detected.service()), o.string("host", detected.host()),
                detected.pid()));
        b.queueCapacity(o.integer("queue.capacity", SpoolConfig.DEFAULT_QUEUE_CAPACITY, 16, 1 << 24));
        b.maxBatch(o.integer("queue.maxBatch", SpoolConfig.DEFAULT_MAX_BATCH, 1, 1 << 20));
        b.highWaterMark(ratio(o, "queue.highWaterMark"));
        b.shutdownTimeout(o.duration("shutdown.timeout", SpoolConfig.DEFAULT_SHUTDOWN_TIMEOUT));
        b.ledgerInterval(o.duration("ledger.interval", SpoolConfig.DEFAULT_LEDGER_INTERVAL));
        b.shutdownHook(o.bool("shutdown.hook", true));
        b.jmx(o.bool("jmx", true));
        b.maxMessageChars(o.integer("message.maxChars", SpoolConfig.DEFAULT_MAX_MESSAGE_CHARS, 64, Integer.MAX_VALUE - 64));
    }

    private static Duration watchInterval(Options o, String value) {
        if (value == null || value.equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        String accepted = "off or a duration of at least 100ms such as 30s or 1m";
        Duration interval;
        try {
            interval = Options.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw o.bad(WATCH_KEY, value, accepted);
        }
        if (interval.isZero()) {
            return Duration.ZERO;
        }
        if (interval.compareTo(MIN_WATCH_INTERVAL) < 0) {
            throw o.bad(WATCH_KEY, value, accepted);
        }
        return interval;
    }

    private static double ratio(Options o, String key) {
        String v = o.string(key, null);
        if (v == null) {
            return SpoolConfig.DEFAULT_HIGH_WATER_MARK;
        }
        try {
            double d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
            if (d > 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw o.bad(key, v, "a ratio above 0 and at most 1, such as 0.8 or 80%");
    }

    private static void addDestination(SpoolConfig.Builder b, String name, Map<String, String> opts) {
        String type = opts.get("type");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("missing key 'destination." + name + ".type'");
        }
        Map<String, String> rest = new TreeMap<>(opts);
        rest.remove("type");
        b.destination(name, type.trim(), rest);
    }

    private static RouteConfig route(String name, Options o) {
        o.requireOnly(ROUTE_KEYS);
        String prefix = o.string("logger", name.equals("root") ? "" : null);
        if (prefix == null) {
            throw new IllegalArgumentException("missing key 'route." + name + ".logger' (the logger name prefix;"
                    + " only the route named 'root' defaults to the empty prefix)");
        }
        List<RouteConfig.Target> targets = new ArrayList<>();
        for (String item : o.string("destinations", "").split(",")) {
            String t = item.trim();
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.indexOf(':');
            Level min = Level.TRACE;
            if (colon > 0) {
                min = new Options(o.prefix(), Map.of("destinations", t.substring(colon + 1)))
                        .level("destinations", Level.TRACE);
                t = t.substring(0, colon).trim();
            }
            targets.add(new RouteConfig.Target(t, min));
        }
        OverflowPolicy overflow = null;
        if (o.has("overflow")) {
            try {
                overflow = OverflowPolicy.parse(o.string("overflow"));
            } catch (IllegalArgumentException e) {
                throw o.bad("overflow", o.string("overflow"), "block, drop, drop-below:LEVEL or sync-fallback");
            }
        }
        return new RouteConfig(name, prefix.trim(), o.level("level", Level.INFO), targets,
                o.bool("additive", true), overflow);
    }
}
