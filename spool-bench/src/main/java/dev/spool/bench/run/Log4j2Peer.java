package dev.spool.bench.run;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.jmx.RingBufferAdmin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

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

    /**
     * All-async: waits until the ring buffer is empty again. Its consumer releases a batch's slots only
     * after handing every event of it to the appender, so an empty ring means every event reached it.
     */
    @Override
    public void drain() throws InterruptedException {
        if (LogManager.getContext(false) instanceof AsyncLoggerContext async) {
            RingBufferAdmin ring = async.createRingBufferAdmin();
            while (ring.getRemainingCapacity() < ring.getBufferSize()) {
                LockSupport.parkNanos(50_000); // polled: Log4j 2 has no call that waits for the ring to empty
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("context", LogManager.getContext(false).getClass().getName());
        facts.put("disruptor", RunMain.jarOf("com.lmax.disruptor.RingBuffer"));
        return facts;
    }
}
