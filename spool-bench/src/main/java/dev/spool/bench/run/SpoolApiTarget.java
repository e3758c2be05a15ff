package dev.spool.bench.run;

import dev.spool.Logger;
import dev.spool.Spool;

import java.util.LinkedHashMap;
import java.util.Map;

/** Spool through its own API ({@code dev.spool.Logger}), configured and stopped as through SLF4J. */
final class SpoolApiTarget implements LogTarget {

    private final Logger logger;
    private final SpoolPeer peer;

    SpoolApiTarget(SpoolPeer peer) {
        this.logger = Spool.logger(LOGGER);
        this.peer = peer;
    }

    @Override
    public void log(int thread, int index) {
        SpoolApiCall.numbers(logger, thread, index);
    }

    @Override
    public Map<String, String> stop() {
        return peer.shutdown();
    }

    @Override
    public void drain() throws InterruptedException {
        peer.drain();
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("api", "dev.spool.Logger");
        facts.put("logger", logger.getClass().getName());
        facts.putAll(peer.facts());
        return facts;
    }
}
