package dev.spool.amqp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code amqp} destinations open in this JVM, for status views ({@code spool status}) and tests.
 * Thread-safe.
 */
public final class AmqpDestinations {

    private static final Map<String, Supplier<AmqpHealth>> OPEN = new ConcurrentHashMap<>();

    private AmqpDestinations() {
    }

    /** A fresh health snapshot of every open destination, sorted by name. */
    public static List<AmqpHealth> health() {
        List<AmqpHealth> all = new ArrayList<>();
        OPEN.values().forEach(h -> all.add(h.get()));
        all.sort((a, b) -> a.destination().compareTo(b.destination()));
        return all;
    }

    /** A fresh snapshot of the open destination called {@code name}, if there is one. */
    public static Optional<AmqpHealth> health(String name) {
        Supplier<AmqpHealth> h = OPEN.get(name);
        return h == null ? Optional.empty() : Optional.of(h.get());
    }

    static void register(String name, Supplier<AmqpHealth> health) {
        OPEN.put(name, health);
    }

    static void unregister(String name, Supplier<AmqpHealth> health) {
        OPEN.remove(name, health);
    }
}
