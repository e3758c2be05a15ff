package dev.spool.bench.run;

import org.apache.logging.log4j.LogManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log4j 2: {@link LogManager#shutdown()} drains the async loggers' ring buffer (when all-async) and stops
 * the appenders, which flush and close the file.
 */
final class Log4j2Peer implements Peer {

    @Override
    public Map<String, String> shutdown() {
        LogManager.shutdown();
        return Map.of();
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("context", LogManager.getContext(false).getClass().getName());
        facts.put("disruptor", RunMain.jarOf("com.lmax.disruptor.RingBuffer"));
        return facts;
    }
}
