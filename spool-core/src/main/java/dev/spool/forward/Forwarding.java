package dev.spool.forward;

import dev.spool.Level;
import dev.spool.SpoolConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Forwarding for worker processes: a parent sets one environment variable on the workers it starts, and
 * each worker's Spool, configuring itself on first use, sends everything to the collector instead of
 * looking for a configuration file.
 *
 * <pre>{@code
 * Collector collector = Collector.start(config);                      // spool-collector
 * Process worker = collector.configureWorker(new ProcessBuilder("java", "-cp", cp, "app.Worker")).start();
 * }</pre>
 *
 * <p>{@value #ADDRESS_VARIABLE} holds the address ({@code tcp://127.0.0.1:5170} or {@code unix:PATH}),
 * {@value #TOKEN_VARIABLE} the shared token if the collector wants one, {@value #LEVEL_VARIABLE} the
 * level from which events are sent (default INFO, like Spool's own default). Every other option of the
 * {@code forward} destination travels as {@code SPOOL_FORWARD_<KEY>} ({@link #OPTION_VARIABLES}: for
 * example {@code SPOOL_FORWARD_SPILL_DIR}, {@code SPOOL_FORWARD_CLOSE_TIMEOUT}), so a parent can give its
 * workers a shared spill directory and a longer close timeout. Thread-safe.
 */
public final class Forwarding {

    /** The version of the wire protocol (docs/protocol.md) forwarders and collectors speak. */
    public static final int PROTOCOL_VERSION = 1;
    /** Largest event a collector takes unless configured otherwise, and the forwarder's default limit. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    /** Environment variable naming the collector a worker forwards to. */
    public static final String ADDRESS_VARIABLE = "SPOOL_FORWARD";
    /** Environment variable holding the collector's shared token, if it has one. */
    public static final String TOKEN_VARIABLE = "SPOOL_FORWARD_TOKEN";
    /** Environment variable holding the least level forwarded. */
    public static final String LEVEL_VARIABLE = "SPOOL_FORWARD_LEVEL";

    /** The {@code forward} options a parent passes through the environment, each to its variable. */
    public static final Map<String, String> OPTION_VARIABLES = Map.of(
            "spill", "SPOOL_FORWARD_SPILL",
            "spillDir", "SPOOL_FORWARD_SPILL_DIR",
            "maxMemory", "SPOOL_FORWARD_MAX_MEMORY",
            "maxSpill", "SPOOL_FORWARD_MAX_SPILL",
            "maxEventBytes", "SPOOL_FORWARD_MAX_EVENT_BYTES",
            "connectTimeout", "SPOOL_FORWARD_CONNECT_TIMEOUT",
            "sendTimeout", "SPOOL_FORWARD_SEND_TIMEOUT",
            "closeTimeout", "SPOOL_FORWARD_CLOSE_TIMEOUT");

    /** Added to {@code closeTimeout} for the worker's shutdown: time to format and spill what is left. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

    private Forwarding() {
    }

    /** Sets the worker's environment so it forwards to {@code address}; returns {@code worker}. */
    public static ProcessBuilder configure(ProcessBuilder worker, CollectorAddress address, String token) {
        return configure(worker, address, token, Map.of());
    }

    /**
     * As {@link #configure(ProcessBuilder, CollectorAddress, String)}, also passing {@code options} of the
     * {@code forward} destination (keys of {@link #OPTION_VARIABLES}, such as {@code spillDir} or
     * {@code closeTimeout}); the worker validates the values when it configures itself. Variables of
     * options not given are removed, so a worker never inherits its parent's.
     *
     * @throws IllegalArgumentException for a key that is not a {@code forward} option
     */
    public static ProcessBuilder configure(ProcessBuilder worker, CollectorAddress address, String token,
                                           Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!OPTION_VARIABLES.containsKey(key)) {
                throw new IllegalArgumentException("unknown forward option '" + key + "'; expected one of "
                        + new java.util.TreeSet<>(OPTION_VARIABLES.keySet()));
            }
        }
        Map<String, String> env = worker.environment();
        env.put(ADDRESS_VARIABLE, address.toString());
        if (token != null) {
            env.put(TOKEN_VARIABLE, token);
        } else {
            env.remove(TOKEN_VARIABLE);
        }
        for (Map.Entry<String, String> e : OPTION_VARIABLES.entrySet()) {
            String value = options.get(e.getKey());
            if (value != null) {
                env.put(e.getValue(), value);
            } else {
                env.remove(e.getValue());
            }
        }
        return worker;
    }

    /**
     * The configuration a worker uses when {@value #ADDRESS_VARIABLE} is set: one {@code forward}
     * destination on the root route.
     *
     * @throws IllegalArgumentException if a variable holds a bad value
     */
    public static Optional<SpoolConfig> fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    static Optional<SpoolConfig> fromEnvironment(Function<String, String> env) {
        String address = env.apply(ADDRESS_VARIABLE);
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String level = env.apply(LEVEL_VARIABLE);
        return Optional.of(config(CollectorAddress.parse(address), env.apply(TOKEN_VARIABLE),
                level == null || level.isBlank() ? Level.INFO : Level.parse(level), options(env)));
    }

    /** The {@code forward} options set in the environment, by key. */
    static Map<String, String> options(Function<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(OPTION_VARIABLES).entrySet()) {
            String value = env.apply(e.getValue());
            if (value != null && !value.isBlank()) {
                options.put(e.getKey(), value.trim());
            }
        }
        return options;
    }

    /** A configuration that sends every event at {@code level} and above to the collector at {@code address}. */
    public static SpoolConfig config(CollectorAddress address, String token, Level level) {
        return config(address, token, level, Map.of());
    }

    /**
     * As {@link #config(CollectorAddress, String, Level)} with more {@code forward} options; the shutdown
     * timeout is the close timeout (default 10s) and 5 seconds more, so the destination can wait for its
     * last acknowledgements when the JVM exits.
     *
     * @throws IllegalArgumentException if {@code closeTimeout} is not a duration (other values are checked
     *                                  when the destination opens)
     */
    public static SpoolConfig config(CollectorAddress address, String token, Level level, Map<String, String> more) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("address", address.toString());
        if (token != null && !token.isEmpty()) {
            options.put("token", token);
        }
        options.putAll(more);
        Duration close = Duration.ofSeconds(10);
        if (more.containsKey("closeTimeout")) {
            try {
                close = dev.spool.spi.Options.parseDuration(more.get("closeTimeout"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad value '" + more.get("closeTimeout") + "' for 'closeTimeout':"
                        + " expected a duration such as 30s", e);
            }
        }
        return SpoolConfig.builder().name("forward").shutdownTimeout(close.plus(SHUTDOWN_MARGIN))
                .destination("forward", "forward", options)
                .route("root", "", level, "forward")
                .build();
    }
}
