package dev.spool.sink;

import dev.spool.format.Formats;
import dev.spool.spi.Format;
import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code file} destination type: {@code path} (required), {@code bufferSize} (default 256KB),
 * {@code maxBacklog} (default 8MB) plus the format keys. Registered for {@link java.util.ServiceLoader};
 * code that builds sinks directly uses {@link FileSink}.
 */
public final class FileSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = DestinationOptions.accepted("path", "bufferSize", "maxBacklog");

    /** Made by {@link java.util.ServiceLoader}. */
    public FileSinkProvider() {
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public SinkFactory configure(Options options) {
        return configure(options, Formats::fromOptions);
    }

    /** Validates everything now; each opened sink gets a format of its own. */
    static SinkFactory configure(Options options, Function<Options, Format> formats) {
        options.requireOnly(KEYS, Formats.OPTION_PREFIXES);
        Path path = DestinationOptions.path(options);
        int bufferSizeBytes = DestinationOptions.bufferSizeBytes(options);
        long maxBacklogBytes = DestinationOptions.maxBacklogBytes(options);
        formats.apply(options);
        return context -> FileSink.builder(path, formats.apply(options))
                .bufferSizeBytes(bufferSizeBytes)
                .maxBacklogBytes(maxBacklogBytes)
                .build();
    }
}
