package dev.spool.test;

import dev.spool.DestinationConfig;
import dev.spool.Level;
import dev.spool.RouteConfig;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.config.ConfigFile;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process-wide side of capturing: one Spool destination, {@value #DESTINATION}, added to every route
 * of the configuration in force, that copies each event to the captures that want it: the capture of
 * the test running on the thread that logged it, and every all-threads capture.
 *
 * <p>A capture is registered and unregistered after {@link Spool#flush}, so an event logged on a thread
 * before a test began, or after it ended, is never attributed to it even though the writer thread
 * delivers it later.
 */
final class CaptureHub {

    static final String DESTINATION = "spool-test";
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<Long, CaptureBuffer> BY_THREAD = new ConcurrentHashMap<>();
    private static final List<CaptureBuffer> EVERY_THREAD = new CopyOnWriteArrayList<>();

    private CaptureHub() {
    }

    /** {@code config} with the capture destination added as a target of every route. */
    static SpoolConfig including(SpoolConfig config) {
        if (config.destinations().containsKey(DESTINATION)) {
            return config;
        }
        Map<String, DestinationConfig> destinations = new LinkedHashMap<>(config.destinations());
        destinations.put(DESTINATION, new DestinationConfig(DESTINATION, DESTINATION, context -> new DispatchSink(), Level.TRACE));
        List<RouteConfig> routes = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            List<RouteConfig.Target> targets = new ArrayList<>(route.targets());
            targets.add(new RouteConfig.Target(DESTINATION, Level.TRACE));
            routes.add(new RouteConfig(route.name(), route.loggerPrefix(), route.level(), targets, route.additive(),
                    route.overflow()));
        }
        return new SpoolConfig(config.name(), config.resource(), config.queueCapacity(), config.maxBatch(),
                config.shutdownTimeout(), config.shutdownHook(), config.highWaterMark(), config.jmx(),
                config.maxMessageChars(), destinations, routes, config.ledgerInterval());
    }

    /**
     * Makes sure the running pipeline has the capture destination: if not (first use, or a test
     * configured Spool itself), Spool is configured with the configuration file it would find by itself
     * (or its console default) plus the capture destination. Serialized: parallel tests install once.
     */
    static synchronized void install() {
        boolean present = Spool.stats().destinations().stream().anyMatch(d -> d.name().equals(DESTINATION));
        if (!present) {
            Spool.configure(including(ConfigFile.discover().orElseGet(SpoolConfig::defaults)));
        }
    }

    static void register(CaptureBuffer buffer) {
        Spool.flush(FLUSH_TIMEOUT);
        if (buffer.thread() == null) {
            EVERY_THREAD.add(buffer);
        } else {
            buffer.previous(BY_THREAD.put(buffer.thread().getId(), buffer));
        }
    }

    static void unregister(CaptureBuffer buffer) {
        Spool.flush(FLUSH_TIMEOUT);
        if (buffer.thread() == null) {
            EVERY_THREAD.remove(buffer);
        } else if (buffer.previous() != null) {
            BY_THREAD.put(buffer.thread().getId(), buffer.previous());
        } else {
            BY_THREAD.remove(buffer.thread().getId(), buffer);
        }
    }

    /** Runs on the pipeline's writer thread; copies an event only when some capture wants it. */
    private static final class DispatchSink implements Sink {

        @Override
        public void write(LogEvent event) {
            if (event.kind() != EventKind.LOG) {
                return;
            }
            CaptureBuffer own = BY_THREAD.get(event.threadId());
            if (own == null && EVERY_THREAD.isEmpty()) {
                return;
            }
            CapturedEvent copy = copy(event);
            if (own != null) {
                own.add(copy);
            }
            for (CaptureBuffer all : EVERY_THREAD) {
                all.add(copy);
            }
        }

        private static CapturedEvent copy(LogEvent e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < e.fieldCount(); i++) {
                fields.put(e.fieldKey(i), e.fieldValue(i));
            }
            long micros = e.timestampMicros();
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new CapturedEvent(e.level(), e.logger(), e.threadName(), e.message().toString(), fields,
                    e.context().toMap(), e.throwable(), at);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
