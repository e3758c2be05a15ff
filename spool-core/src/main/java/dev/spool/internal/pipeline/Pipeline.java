package dev.spool.internal.pipeline;

import dev.spool.DropReason;
import dev.spool.PipelineStats;
import dev.spool.SpoolConfig;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.LogPipeline;
import dev.spool.spi.LogRoute;
import dev.spool.spi.RuntimeControl;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One running pipeline, assembled from its parts (see the package documentation for the flow): it
 * starts the writer thread, hands out routes, flushes, shuts down and reports exact counters.
 * Thread-safe.
 */
public final class Pipeline implements LogPipeline {

    private static final Duration STATS_LOCK_WAIT = Duration.ofMillis(200);

    private final SpoolConfig config;
    private final Ring ring;
    private final Destinations destinations;
    private final FlushWaiters flushWaiters = new FlushWaiters();
    private final Writer writer;
    private final WriterLoop loop;
    private final Publisher publisher;
    private final RouteTable routes;
    private final Thread writerThread;
    private volatile PipelineJmx jmx;
    private Thread shutdownHook;

    private Pipeline(SpoolConfig config, Destinations destinations) {
        this.config = config;
        this.destinations = destinations;
        this.ring = new Ring(config.queueCapacity());
        this.writer = new Writer(ring, destinations, flushWaiters);
        this.loop = new WriterLoop(ring, writer, config.maxBatch());
        this.publisher = new Publisher(config, ring, writer);
        if (!config.ledgerInterval().isZero()) {
            writer.ledgers(new Ledgers(config, publisher));
        }
        this.routes = new RouteTable(config, destinations, publisher);
        this.writerThread = DaemonThreads.named("spool-writer").newThread(loop);
        ring.attachWriter(writerThread);
    }

    /**
     * Opens every destination and starts the writer thread.
     *
     * @throws IllegalStateException naming the destination that could not be opened
     */
    public static Pipeline start(SpoolConfig config) {
        Pipeline p = new Pipeline(config, Destinations.open(config));
        p.writerThread.start();
        if (config.shutdownHook()) {
            p.shutdownHook = new Thread(() -> p.shutdown(config.shutdownTimeout()), "spool-shutdown-" + config.name());
            Runtime.getRuntime().addShutdownHook(p.shutdownHook);
        }
        return p;
    }

    @Override
    public synchronized void registerJmx(RuntimeControl control) {
        if (config.jmx() && jmx == null && !isShutdown()) {
            jmx = PipelineJmx.register(this, control);
        }
    }

    @Override
    public SpoolConfig config() {
        return config;
    }

    /** The name of the pipeline (JMX, thread names). */
    public String name() {
        return config.name();
    }

    /** Whether shutdown has begun. */
    public boolean isShutdown() {
        return ring.isClosed();
    }

    @Override
    public LogRoute route(String loggerName) {
        return routes.resolve(loggerName);
    }

    /**
     * Enqueues an event made elsewhere (received by a collector, read from a broker), keeping its id,
     * time, thread, context and resource. Routed by its logger name like a local event; dropped (not
     * counted: it is below the level) when the route's level excludes it.
     *
     * @return false if this pipeline has shut down and the event was counted as dropped
     */
    @Override
    public boolean ingest(LogEvent event) {
        return ingest(event, true);
    }

    /** As {@link #ingest}, leaving a parked writer asleep until {@link #flush} (see {@link dev.spool.spi.Ingress}). */
    @Override
    public boolean ingestWithoutWaking(LogEvent event) {
        return ingest(event, false);
    }

    private boolean ingest(LogEvent event, boolean wakeWriter) {
        Route route = routes.cached(event.logger());
        if (event.level().ordinal() < route.threshold(null, -1) && event.kind() != EventKind.LEDGER) {
            return true;
        }
        if (publisher.ingest(event, route, wakeWriter)) {
            return true;
        }
        publisher.countAfterShutdown();
        return false;
    }

    /**
     * Waits until every event accepted before this call has been handed to its destinations and they
     * were flushed.
     *
     * @return true if that happened within {@code timeout}; false on timeout or if the pipeline shut
     *         down first
     */
    @Override
    public boolean flush(Duration timeout) {
        return awaitFlushed(requestFlush(), timeout);
    }

    @Override
    public long requestFlush() {
        long target = ring.claimed();
        if (!flushWaiters.reached(target)) {
            ring.wakeWriter();
        }
        return target;
    }

    @Override
    public boolean flushed(long mark) {
        return flushWaiters.reached(mark);
    }

    @Override
    public boolean awaitFlushed(long mark, Duration timeout) {
        return flushWaiters.await(mark, timeout); // returns at once when the mark is reached
    }

    /**
     * Stops accepting events, drains the queue for at most {@code timeout}, closes the destinations and
     * reports on stderr what was not written. Idempotent; later events are counted as
     * {@code after_shutdown}.
     *
     * @return the final stats
     */
    @Override
    public PipelineStats shutdown(Duration timeout) {
        boolean first = loop.stopAccepting(timeout);
        if (Thread.currentThread() != writerThread) {
            try {
                writerThread.join(Math.max(1, timeout.toMillis() + 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        PipelineStats stats = stats();
        if (first) {
            afterShutdown(stats, timeout);
        }
        return stats;
    }

    private void afterShutdown(PipelineStats stats, Duration timeout) {
        PipelineJmx bean = jmx;
        if (bean != null) {
            bean.unregister();
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting; the hook runs or ran anyway
            }
        }
        if (writerThread.isAlive()) {
            Diagnostics.info("pipeline '" + name() + "': the writer did not finish within " + timeout
                    + " (a destination is stuck); " + stats.pending() + " events not written");
        } else if (stats.droppedTotal() > 0 || stats.destinationFailed() > 0 || held(stats) > 0) {
            Diagnostics.info("pipeline '" + name() + "' shut down: " + stats.written() + " events written, "
                    + stats.droppedTotal() + " not written " + stats.dropped() + ", "
                    + stats.destinationFailed() + " refused by destinations"
                    + (held(stats) > 0 ? ", " + held(stats) + " held by destinations, not yet delivered" : ""));
        }
    }

    private static long held(PipelineStats stats) {
        long held = 0;
        for (dev.spool.DestinationStats d : stats.destinations()) {
            held += d.held();
        }
        return held;
    }

    /** A consistent snapshot of the counters. Safe from any thread. */
    @Override
    public PipelineStats stats() {
        boolean locked = writer.lockForStats(STATS_LOCK_WAIT);
        try {
            return snapshot();
        } finally {
            if (locked) {
                writer.unlock();
            }
        }
    }

    private PipelineStats snapshot() {
        // Writer-side values first, then the claim cursor, which only grows: pending is never negative
        // and accepted == written + dropped + pending holds by construction of each term.
        long timeout = writer.timeoutDropped();
        long taken = ring.consumed();
        long sync = writer.syncWritten();
        Map<String, Long> dropped = new LinkedHashMap<>();
        long unclaimedDrops = 0;
        for (DropReason r : DropReason.values()) {
            long n = publisher.dropped(r);
            unclaimedDrops += n;
            dropped.put(r.label(), r == DropReason.SHUTDOWN_TIMEOUT ? n + timeout : n);
        }
        long claimed = ring.claimed();
        long written = taken - timeout + sync;
        long pending = claimed - taken;
        return new PipelineStats(config.name(), claimed + sync + unclaimedDrops, written, dropped, pending,
                ring.capacity(), ring.maxDepth(), writer.batches(), destinations.stats());
    }
}
