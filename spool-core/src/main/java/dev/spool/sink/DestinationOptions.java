package dev.spool.sink;

import dev.spool.format.Formats;
import dev.spool.spi.Options;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Option keys and parsing shared by the destination types of this package. */
final class DestinationOptions {

    /** Keys every destination accepts besides its own: its type, its level and the format's keys. */
    private static final List<String> COMMON_KEYS = List.of("type", "level");

    private DestinationOptions() {
    }

    /** The keys a destination accepts: {@code own} plus the common and format keys. */
    static Set<String> accepted(String... own) {
        Set<String> keys = new HashSet<>(List.of(own));
        keys.addAll(COMMON_KEYS);
        keys.addAll(Formats.OPTION_KEYS);
        return Set.copyOf(keys);
    }

    static Path path(Options options) {
        String raw = options.string("path");
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw options.bad("path", raw, "a file path (" + e.getReason() + ")");
        }
    }

    static int bufferSizeBytes(Options options) {
        return (int) bytesInRange(options, "bufferSize", FileSink.DEFAULT_BUFFER_SIZE_BYTES, 1, "1B");
    }

    static long maxBacklogBytes(Options options) {
        return bytesInRange(options, "maxBacklog", FileSink.DEFAULT_MAX_BACKLOG_BYTES, 0, "0B");
    }

    /** A size from {@code min} to 1 GiB. */
    static long bytesInRange(Options options, String key, long defaultValue, long min, String minText) {
        long value = options.bytes(key, defaultValue);
        if (value < min || value > AppendFile.MAX_BUFFER_BYTES) {
            throw options.bad(key, options.string(key, ""), "a size from " + minText + " to 1GB");
        }
        return value;
    }

    /** {@code timezone}, or the system's zone when unset. */
    static ZoneId zone(Options options) {
        String raw = options.string("timezone", null);
        if (raw == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException e) {
            throw options.bad("timezone", raw, "a zone id such as UTC, Europe/Paris or +02:00");
        }
    }
}
