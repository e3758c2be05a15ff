package dev.spool.bench.run;

import java.util.Map;

/**
 * One backend as the producers see it: the benchmark call and the shutdown that ends with every event
 * handed to the operating system.
 */
interface LogTarget {

    /** The logger name every backend logs under. */
    String LOGGER = "bench.Producer";

    /** Logs event {@code index} of producer {@code thread}: the same call (the run's {@link Shape}) for every backend. */
    void log(int thread, int index);

    /**
     * Stops the backend: returns once everything logged is written to the file and the file closed.
     *
     * @return the backend's own final counters, if it keeps any
     */
    Map<String, String> stop() throws Exception;

    /** See {@link Peer#drain()}: every event logged so far has left the backend's queue. */
    void drain() throws InterruptedException;

    /** What shows the configuration took effect (provider class, context, jars); read before the run. */
    Map<String, String> facts();
}
