package dev.spool;

import dev.spool.spi.SinkProvider;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds destination types registered through {@link ServiceLoader}. */
final class SinkProviders {

    private SinkProviders() {
    }

    /** The modules of Spool's own destination types that are not in the core, for the error above. */
    private static final Map<String, String> MODULES = Map.of("amqp", "spool-amqp", "sqlite", "spool-sqlite",
            "postgres", "spool-postgres", "otlp", "spool-otlp");

    /**
     * The provider for {@code type}.
     *
     * @param key the configuration key naming the type, for the error message
     * @throws IllegalArgumentException listing the types that are available
     */
    static SinkProvider find(String type, String key) {
        Map<String, SinkProvider> all = all();
        SinkProvider provider = type == null ? null : all.get(type.trim());
        if (provider == null) {
            String module = type == null ? null : MODULES.get(type.trim());
            throw new IllegalArgumentException("bad value '" + type + "' for key '" + key
                    + "': expected one of " + all.keySet() + (module != null
                    ? " (the '" + type.trim() + "' type comes with " + module + ": put it on the class path)"
                    : " (other types come with their modules, e.g. spool-sqlite)"));
        }
        return provider;
    }

    /** Every registered provider by type. */
    static Map<String, SinkProvider> all() {
        Map<String, SinkProvider> byType = new TreeMap<>();
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                SinkProviders.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            for (SinkProvider p : ServiceLoader.load(SinkProvider.class, loader)) {
                byType.putIfAbsent(p.type(), p);
            }
        }
        return byType;
    }
}
