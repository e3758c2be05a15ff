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
 * level from which events are sent (default INFO, like Spool's own default). Thread-safe.
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

    private Forwarding() {
    }

    /** Sets the worker's environment so it forwards to {@code address}; returns {@code worker}. */
    public static ProcessBuilder configure(ProcessBuilder worker, CollectorAddress address, String token) {
        worker.environment().put(ADDRESS_VARIABLE, address.toString());
        if (token != null) {
            worker.environment().put(TOKEN_VARIABLE, token);
        } else {
            worker.environment().remove(TOKEN_VARIABLE);
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
                level == null || level.isBlank() ? Level.INFO : Level.parse(level)));
    }

    /** A configuration that sends every event at {@code level} and above to the collector at {@code address}. */
    public static SpoolConfig config(CollectorAddress address, String token, Level level) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("address", address.toString());
        if (token != null && !token.isEmpty()) {
            options.put("token", token);
        }
        // Long enough for the forward destination to wait for its last acknowledgements when the JVM exits.
        return SpoolConfig.builder().name("forward").shutdownTimeout(Duration.ofSeconds(15))
                .destination("forward", "forward", options)
                .route("root", "", level, "forward")
                .build();
    }
}
