package dev.spool.bench.run;

import java.util.Map;

/** What differs between the SLF4J backends: how each is shut down, and what to record about it. */
interface Peer {

    /**
     * Drains, flushes and closes, by the backend's own API.
     *
     * @return the backend's own final counters, if it keeps any
     */
    Map<String, String> shutdown();

    /**
     * Returns once every event logged so far has left the backend's queue and been handed to its file
     * appender, without stopping anything: the barrier between a run's cold pass and its measured pass. A
     * synchronous backend has no queue and returns at once.
     */
    void drain() throws InterruptedException;

    /** Facts that show the configuration took effect (context class, Disruptor jar). */
    Map<String, String> facts();
}
