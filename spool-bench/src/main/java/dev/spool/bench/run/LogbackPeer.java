package dev.spool.bench.run;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Logback: {@link LoggerContext#stop()} stops the AsyncAppender, which drains its queue for
 * {@code maxFlushTime} (the benchmark configuration sets 0: until empty), then the file appender.
 */
final class LogbackPeer implements Peer {

    @Override
    public Map<String, String> shutdown() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        return Map.of();
    }

    @Override
    public Map<String, String> facts() {
        return Map.of("logback", RunMain.jarOf("ch.qos.logback.classic.LoggerContext"));
    }
}
