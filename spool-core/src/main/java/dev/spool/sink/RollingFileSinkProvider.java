package dev.spool.sink;

import dev.spool.format.Formats;
import dev.spool.spi.Format;
import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The {@code rolling} destination type: {@code path}, {@code maxSize} (such as 10MB), {@code schedule}
 * ({@code none | daily | hourly}, default none; at least one of the two is required), {@code maxBackups}
 * (default 10), {@code maxAge} (such as 7d; unset keeps backups whatever their age), {@code compress}
 * ({@code none | gzip}), {@code compressLevel} ({@code fast}, the default, or zlib's 1 to 9), {@code timezone} (of the schedule, the backup names and the format; the system's
 * by default), {@code bufferSize}, {@code maxBacklog}, {@code multiProcess} (default false: one process
 * writes the file; true: several processes share it under a lock file) and the format keys. Registered for
 * {@link java.util.ServiceLoader}; code that builds sinks directly uses {@link RollingFileSink}.
 */
public final class RollingFileSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = DestinationOptions.accepted("path", "maxSize", "schedule", "maxBackups",
            "maxAge", "compress", "compressLevel", "timezone", "bufferSize", "maxBacklog", "multiProcess");

    /** Made by {@link java.util.ServiceLoader}. */
    public RollingFileSinkProvider() {
    }

    @Override
    public String type() {
        return "rolling";
    }

    @Override
    public SinkFactory configure(Options options) {
        return configure(options, Formats::fromOptions);
    }

    /** Validates everything now; each opened sink gets a format of its own. */
    static SinkFactory configure(Options options, Function<Options, Format> formats) {
        options.requireOnly(KEYS, Formats.OPTION_PREFIXES);
        UnaryOperator<RollingFileSink.Builder> rotation = rotation(options);
        UnaryOperator<RollingFileSink.Builder> storage = storage(options);
        Path path = DestinationOptions.path(options);
        formats.apply(options);
        return context -> storage.apply(rotation.apply(RollingFileSink.builder(path, formats.apply(options)))).build();
    }

    /** {@code maxSize}, {@code schedule} and {@code timezone}: when the file rotates. */
    private static UnaryOperator<RollingFileSink.Builder> rotation(Options options) {
        long maxSizeBytes = options.has("maxSize")
                ? DestinationOptions.bytesInRange(options, "maxSize", 0, 1, "1B")
                : Long.MAX_VALUE;
        String schedule = options.choice("schedule", "none", Set.of("none", "daily", "hourly"));
        if (maxSizeBytes == Long.MAX_VALUE && schedule.equals("none")) {
            throw new IllegalArgumentException("missing key '" + options.prefix() + "maxSize' or '"
                    + options.prefix() + "schedule': a rolling destination rotates by size (such as 10MB), "
                    + "by schedule (daily or hourly) or both");
        }
        ZoneId zone = DestinationOptions.zone(options);
        return builder -> {
            builder.zone(zone);
            if (maxSizeBytes != Long.MAX_VALUE) {
                builder.maxSizeBytes(maxSizeBytes);
            }
            return schedule.equals("daily") ? builder.daily() : schedule.equals("hourly") ? builder.hourly() : builder;
        };
    }

    /**
     * {@code maxBackups}, {@code maxAge}, {@code compress}, {@code compressLevel}, {@code bufferSize},
     * {@code maxBacklog}, {@code multiProcess}.
     */
    /** {@code fast} (the default: Spool's own deflate encoder) or zlib's level, 1 to 9. */
    private static int compressLevel(Options options) {
        String value = options.string("compressLevel", "fast").trim();
        if (value.equals("fast")) {
            return RollingFileSink.FAST_GZIP;
        }
        try {
            return options.integer("compressLevel", RollingFileSink.FAST_GZIP, 1, 9);
        } catch (IllegalArgumentException e) {
            throw options.bad("compressLevel", value, "fast or an integer from 1 to 9");
        }
    }

    private static UnaryOperator<RollingFileSink.Builder> storage(Options options) {
        int maxBackups = options.integer("maxBackups", RollingFileSink.DEFAULT_MAX_BACKUPS, 1, 1_000_000);
        Duration maxAge = options.duration("maxAge", null);
        if (maxAge != null && maxAge.isZero()) {
            throw options.bad("maxAge", options.string("maxAge", ""), "a positive duration such as 12h or 7d");
        }
        boolean gzip = options.choice("compress", "none", Set.of("none", "gzip")).equals("gzip");
        int gzipLevel = compressLevel(options);
        int bufferSizeBytes = DestinationOptions.bufferSizeBytes(options);
        long maxBacklogBytes = DestinationOptions.maxBacklogBytes(options);
        boolean multiProcess = options.bool("multiProcess", false);
        return builder -> builder.maxBackups(maxBackups).maxAge(maxAge).gzip(gzip).gzipLevel(gzipLevel)
                .bufferSizeBytes(bufferSizeBytes).maxBacklogBytes(maxBacklogBytes).multiProcess(multiProcess);
    }
}
