package dev.spool.forward;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code forward} destination type: sends events to a collector (docs/protocol.md). Keys:
 * {@code address} (required: {@code tcp://HOST:PORT} or {@code unix:PATH}), {@code token},
 * {@code maxMemory} (unacknowledged bytes kept in memory, default 16MB), {@code spill} (the directory of
 * the durable queue for unacknowledged events that leave memory, default
 * {@code <tmp>/spool-forward-<destination>-<pid>.spill}), {@code spillDir} (instead of {@code spill}: a
 * directory shared by many processes, where each keeps a locked queue of its own and adopts those whose
 * owner is gone; see {@link SpillDirectory}), {@code maxSpill} (its bound, default 1GB),
 * {@code maxEventBytes} (default 1MB, as the collector's), {@code connectTimeout} (5s),
 * {@code sendTimeout} (10s), {@code closeTimeout} (10s). Always JSON Lines: the collector reads nothing else.
 */
public final class ForwardSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = Set.of("address", "token", "maxMemory", "spill", "spillDir", "maxSpill",
            "maxEventBytes", "connectTimeout", "sendTimeout", "closeTimeout");

    /** Made by {@link java.util.ServiceLoader}. */
    public ForwardSinkProvider() {
    }

    @Override
    public String type() {
        return "forward";
    }

    @Override
    public SinkFactory configure(Options options) {
        options.requireOnly(KEYS);
        CollectorAddress address;
        try {
            address = CollectorAddress.parse(options.string("address"));
        } catch (IllegalArgumentException e) {
            throw options.bad("address", options.string("address", ""), "tcp://HOST:PORT or unix:PATH");
        }
        String token = options.string("token", null);
        long maxMemory = positive(options, "maxMemory", options.bytes("maxMemory", 16L << 20));
        long maxSpill = positive(options, "maxSpill", options.bytes("maxSpill", 1L << 30));
        long maxEvent = options.bytes("maxEventBytes", Forwarding.DEFAULT_MAX_EVENT_BYTES);
        if (maxEvent < 1024 || maxEvent > (1 << 30)) {
            throw options.bad("maxEventBytes", String.valueOf(maxEvent), "1KB to 1GB");
        }
        Duration connect = options.duration("connectTimeout", Duration.ofSeconds(5));
        Duration send = options.duration("sendTimeout", Duration.ofSeconds(10));
        Duration close = options.duration("closeTimeout", Duration.ofSeconds(10));
        String spill = options.string("spill", null);
        String spillDir = options.string("spillDir", null);
        if (spill != null && spillDir != null) {
            throw options.bad("spillDir", spillDir, "either 'spill' (one process's own queue) or 'spillDir' (a"
                    + " directory shared by many processes), not both");
        }
        Path shared = spillDir == null ? null : Path.of(spillDir);
        return context -> new ForwardSink(new ForwardSettings(address, token, maxMemory,
                shared != null ? SpillDirectory.newQueue(shared, context.destinationName())
                        : spill != null ? Path.of(spill) : defaultSpill(context.destinationName()),
                shared, maxSpill, (int) maxEvent, connect, send, close), context.destinationName());
    }

    private static long positive(Options options, String key, long value) {
        if (value <= 0) {
            throw options.bad(key, String.valueOf(value), "a size above zero");
        }
        return value;
    }

    private static Path defaultSpill(String destination) {
        return Path.of(System.getProperty("java.io.tmpdir"),
                "spool-forward-" + destination + "-" + ProcessHandle.current().pid() + ".spill");
    }
}
