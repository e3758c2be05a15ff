package dev.spool.slf4j;

import dev.spool.Spool;
import org.slf4j.ILoggerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out one {@link SpoolLoggerAdapter} per logger name, each over {@link Spool#logger(String)}.
 * SLF4J's root logger name ({@value org.slf4j.Logger#ROOT_LOGGER_NAME}, any case) is Spool's root,
 * the empty name. Thread-safe; a lookup of an existing adapter takes no lock.
 */
final class SpoolLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, SpoolLoggerAdapter> adapters = new ConcurrentHashMap<>();

    @Override
    public org.slf4j.Logger getLogger(String name) {
        String key = name == null ? "" : name;
        SpoolLoggerAdapter existing = adapters.get(key);
        if (existing != null) {
            return existing;
        }
        // Created outside the map's lock: the first Spool.logger call may configure Spool, and a
        // destination's own library may ask SLF4J for a logger while that happens.
        SpoolLoggerAdapter created = new SpoolLoggerAdapter(key, Spool.logger(spoolName(key)));
        SpoolLoggerAdapter raced = adapters.putIfAbsent(key, created);
        return raced != null ? raced : created;
    }

    private static String spoolName(String slf4jName) {
        return org.slf4j.Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(slf4jName) ? "" : slf4jName;
    }
}
