package dev.spool.collector;

import dev.spool.PipelineStats;
import dev.spool.SpoolConfig;
import dev.spool.forward.CollectorAddress;
import dev.spool.forward.Forwarding;
import dev.spool.spi.Ingress;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A running collector: receives events from other processes over TCP or unix sockets (docs/protocol.md)
 * and writes them through a pipeline of its own, acknowledging each event once it is written and
 * flushed. Start one with {@link #start}; close it to stop.
 *
 * <p>The collector's pipeline is separate from the process's own logging ({@link dev.spool.Spool}):
 * received events keep their id, time, thread, context and resource. Thread-safe.
 */
public final class Collector implements AutoCloseable {

    private final CollectorConfig config;
    private final Ingress pipeline;
    private final Server server;
    private final List<OtlpHttpListener> otlp;
    /** Drains in order at JVM exit (server, final relay ledgers, then the pipeline); null when not asked for. */
    private Thread shutdownHook;

    private Collector(CollectorConfig config, Ingress pipeline, Server server, List<OtlpHttpListener> otlp) {
        this.config = config;
        this.pipeline = pipeline;
        this.server = server;
        this.otlp = otlp;
    }

    /**
     * Seeds the de-duplication window from {@link CollectorConfig#dedupSeedFiles()}, starts the pipeline
     * and listens on every address.
     *
     * @throws IOException if an address cannot be bound or a seed file cannot be read
     * @throws IllegalStateException if a destination cannot be opened
     */
    public static Collector start(CollectorConfig config) throws IOException {
        DedupWindow window = new DedupWindow(config.dedupWindow());
        for (Path file : config.dedupSeedFiles()) {
            SeedIds.seed(file, config.dedupSeedBytes(), window);
        }
        // The collector, not the pipeline, drains at exit: its final relay ledgers go into the pipeline
        // after the server stopped and before the pipeline closes.
        Ingress pipeline = Ingress.start(withoutHook(config.pipeline()));
        List<OtlpHttpListener> otlp = new ArrayList<>();
        Server server = null;
        try {
            // OTLP's handler threads share a window of their own: the NDJSON server's is its thread's alone.
            DedupWindow otlpWindow = config.otlpListen().isEmpty() ? null : new DedupWindow(config.dedupWindow());
            for (InetSocketAddress address : config.otlpListen()) {
                otlp.add(OtlpHttpListener.start(address, config, pipeline, otlpWindow));
            }
            server = Server.start(config, pipeline, window);
            Collector collector = new Collector(config, pipeline, server, List.copyOf(otlp));
            if (config.pipeline().shutdownHook()) {
                collector.shutdownHook = new Thread(collector::close, "spool-collector-stop");
                Runtime.getRuntime().addShutdownHook(collector.shutdownHook);
            }
            return collector;
        } catch (IOException | RuntimeException e) {
            otlp.forEach(OtlpHttpListener::stop);
            pipeline.shutdown(java.time.Duration.ZERO);
            throw e;
        }
    }

    private static SpoolConfig withoutHook(SpoolConfig c) {
        return new SpoolConfig(c.name(), c.resource(), c.queueCapacity(), c.maxBatch(), c.shutdownTimeout(), false,
                c.highWaterMark(), c.jmx(), c.maxMessageChars(), c.destinations(), c.routes(), c.ledgerInterval());
    }

    /** The configuration this collector runs. */
    public CollectorConfig config() {
        return config;
    }

    /** The addresses listened on; a TCP port asked as 0 shows the port the system chose. */
    public List<CollectorAddress> addresses() {
        return server.addresses();
    }

    /**
     * Sets a worker's environment so that its Spool, configuring itself on first use, forwards everything
     * to this collector (its first address, its token if it has one, and its {@link CollectorConfig#spillDir()}
     * as the worker's {@code spillDir}); returns {@code worker}. See {@link Forwarding}.
     */
    public ProcessBuilder configureWorker(ProcessBuilder worker) {
        return configureWorker(worker, java.util.Map.of());
    }

    /**
     * As {@link #configureWorker(ProcessBuilder)}, also passing {@code options} of the workers' {@code forward}
     * destination (such as {@code closeTimeout}; see {@link Forwarding#OPTION_VARIABLES}).
     *
     * @throws IllegalArgumentException for a key that is not a {@code forward} option
     */
    public ProcessBuilder configureWorker(ProcessBuilder worker, java.util.Map<String, String> options) {
        java.util.Map<String, String> all = new java.util.HashMap<>(options);
        if (config.spillDir() != null && !all.containsKey("spill")) {
            all.putIfAbsent("spillDir", config.spillDir().toString());
        }
        return Forwarding.configure(worker, address(), config.token(), all);
    }

    /** The first address, for the common case of one. */
    public CollectorAddress address() {
        return server.addresses().get(0);
    }

    /** Connections, events in and out, duplicates removed and refusals by reason. */
    public CollectorStats stats() {
        return server.stats();
    }

    /** The OTLP/HTTP addresses listened on, as {@code otlp+http://HOST:PORT}, with the port the system chose for 0. */
    public List<String> otlpAddresses() {
        List<String> out = new ArrayList<>();
        for (OtlpHttpListener l : otlp) {
            out.add(CollectorConfig.OTLP_HTTP + l.address().getHostString() + ":" + l.address().getPort());
        }
        return out;
    }

    /** The counters of the OTLP/HTTP listeners, summed. */
    public OtlpStats otlpStats() {
        long requests = 0;
        long accepted = 0;
        long in = 0;
        long written = 0;
        long duplicates = 0;
        java.util.Map<String, Long> refused = new java.util.LinkedHashMap<>();
        for (OtlpHttpListener l : otlp) {
            OtlpStats s = l.stats();
            requests += s.requests();
            accepted += s.accepted();
            in += s.eventsIn();
            written += s.eventsWritten();
            duplicates += s.duplicates();
            s.refused().forEach((k, v) -> refused.merge(k, v, Long::sum));
        }
        return new OtlpStats(requests, accepted, in, written, duplicates, refused);
    }

    /** The counters of the collector's pipeline. */
    public PipelineStats pipelineStats() {
        return pipeline.stats();
    }

    /**
     * Stops accepting, acknowledges what was written, closes every connection, then drains and closes the
     * pipeline (for its configured shutdown timeout). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs (and waits for this close)
            }
        }
        otlp.forEach(OtlpHttpListener::stop);
        server.stop();
        PipelineStats stats = pipeline.shutdown(config.pipeline().shutdownTimeout());
        if (stats.pending() > 0) {
            Diagnostics.info("collector closed with " + stats.pending() + " events not written");
        }
    }
}
