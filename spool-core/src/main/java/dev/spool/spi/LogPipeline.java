package dev.spool.spi;

import dev.spool.SpoolConfig;

/**
 * A running pipeline as the logging API ({@link dev.spool.Spool}) sees it: an {@link Ingress} that also
 * gives each logger name its {@link LogRoute}. {@code Spool} starts one per configuration and swaps them
 * atomically on reconfiguration.
 *
 * <p>Implemented by Spool's pipeline; applications neither implement nor call it (they use
 * {@link dev.spool.Spool}). Thread-safe.
 */
public interface LogPipeline extends Ingress {

    /**
     * Opens every destination of {@code config} and starts its writer thread.
     *
     * @throws IllegalStateException naming the destination that could not be opened
     */
    static LogPipeline start(SpoolConfig config) {
        return dev.spool.internal.pipeline.Pipeline.start(config);
    }

    /** The route for a logger name; called when a logger is made or rebound, never per event. */
    LogRoute route(String loggerName);

    /**
     * Registers the MXBean (counters, and the operations of {@code control}) if the configuration asks for
     * it. Separate from {@link #start} because the first use of the platform MBean server can initialise
     * java.util.logging, whose configuration may ask Spool for a logger: call it once the pipeline is in
     * place to serve that request.
     */
    void registerJmx(RuntimeControl control);
}
