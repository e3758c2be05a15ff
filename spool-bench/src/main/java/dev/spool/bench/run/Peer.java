package dev.spool.bench.run;

import java.util.Map;

/** What differs between the SLF4J backends: how each is shut down, and what to record about it. */
interface Peer {

    /** Drains, flushes and closes, by the backend's own API. */
    void shutdown();

    /** Facts that show the configuration took effect (context class, Disruptor jar). */
    Map<String, String> facts();
}
