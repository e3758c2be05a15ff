package dev.spool.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The {@code otlp} destinations open in this JVM, for status views and tests. Thread-safe. */
public final class OtlpDestinations {

    private static final Map<String, Supplier<OtlpHealth>> OPEN = new ConcurrentHashMap<>();

    private OtlpDestinations() {
    }

    /** A fresh health snapshot of every open destination, sorted by name. */
    public static List<OtlpHealth> health() {
        List<OtlpHealth> all = new ArrayList<>();
        OPEN.values().forEach(h -> all.add(h.get()));
        all.sort((a, b) -> a.destination().compareTo(b.destination()));
        return all;
    }

    /** A fresh snapshot of the open destination called {@code name}, if there is one. */
    public static Optional<OtlpHealth> health(String name) {
        Supplier<OtlpHealth> h = OPEN.get(name);
        return h == null ? Optional.empty() : Optional.of(h.get());
    }

    static void register(String name, Supplier<OtlpHealth> health) {
        OPEN.put(name, health);
    }

    static void unregister(String name, Supplier<OtlpHealth> health) {
        OPEN.remove(name, health);
    }
}
