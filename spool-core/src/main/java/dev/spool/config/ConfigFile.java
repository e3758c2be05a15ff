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
 * Values may use {@code ${sys:name}} and {@code ${env:NAME}}, with {@code :-default}; {@code $${} is a
 * literal {@code ${}. Substitution happens here, in configuration values only, never in events.
 * docs/configuration.md lists every key.
 */
public final class ConfigFile {

    /** File name looked for in the working directory and on the classpath. */
    public static final String DEFAULT_NAME = "spool.properties";

    private static final Set<String> TOP_LEVEL = Set.of("name", "service", "host", "queue.capacity",
            "queue.maxBatch", "queue.highWaterMark", "shutdown.timeout", "shutdown.hook", "jmx", "message.maxChars",
            "ledger.interval");
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
        return discover(System::getProperty, System::getenv, Path.of(DEFAULT_NAME));
    }

    static Optional<SpoolConfig> discover(Function<String, String> sys, Function<String, String> env, Path local) {
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
            return Optional.of(load(path, sys, env));
        }
        if (Files.isRegularFile(local)) {
            return Optional.of(load(local, sys, env));
        }
        URL url = ConfigFile.class.getClassLoader().getResource(DEFAULT_NAME);
        if (url == null && Thread.currentThread().getContextClassLoader() != null) {
            url = Thread.currentThread().getContextClassLoader().getResource(DEFAULT_NAME);
        }
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(parse(read(in), url.toString(), sys, env));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** Reads and validates a file, with system properties and the environment for substitution. */
    public static SpoolConfig load(Path file) {
        return load(file, System::getProperty, System::getenv);
    }

    static SpoolConfig load(Path file, Function<String, String> sys, Function<String, String> env) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(read(in), file.toString(), sys, env);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Validates properties already read (keys and raw values). */
    public static SpoolConfig parse(Properties properties) {
        return parse(toMap(properties), "properties", System::getProperty, System::getenv);
    }

    /**
     * Expands {@code ${sys:name}}, {@code ${env:NAME}} (with {@code :-default}) and {@code $${} in one
     * configuration value, for modules that read their own keys from a properties file.
     *
     * @throws IllegalArgumentException naming {@code key} when a variable is unknown, unset without a
     *         default, or not closed
     */
    public static String substitute(String key, String value, Function<String, String> sys,
                                    Function<String, String> env) {
        return new Variables(sys, env).substitute(key, value);
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Properties p = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(reader);
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
        try {
            Map<String, String> values = new TreeMap<>();
            Variables variables = new Variables(sys, env);
            raw.forEach((k, v) -> values.put(k, variables.substitute(k, v)));
            return build(values);
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
