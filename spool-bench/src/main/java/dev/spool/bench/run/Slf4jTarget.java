package dev.spool.bench.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backend reached through SLF4J 2, whatever provider is on the classpath, called in one {@link Shape};
 * stopped by its own API.
 */
final class Slf4jTarget implements LogTarget {

    private final Logger logger;
    private final Peer peer;
    private final Shape shape;

    Slf4jTarget(Peer peer, Shape shape) {
        if (!shape.slf4j()) {
            throw new IllegalArgumentException("shape " + shape.id() + " is not called through SLF4J");
        }
        this.logger = LoggerFactory.getLogger(LOGGER);
        this.peer = peer;
        this.shape = shape;
    }

    @Override
    public void log(int thread, int index) {
        shape.log(logger, thread, index);
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
        facts.put("provider", LoggerFactory.getILoggerFactory().getClass().getName());
        facts.put("logger", logger.getClass().getName());
        facts.putAll(peer.facts());
        return facts;
    }
}
