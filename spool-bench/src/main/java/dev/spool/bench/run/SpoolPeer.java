package dev.spool.bench.run;

import dev.spool.PipelineStats;
import dev.spool.Spool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spool behind its SLF4J provider, configured from the file named by {@code -Dspool.config}:
 * {@link Spool#shutdown()} drains the queue, writes and closes the file, and returns the exact counters.
 */
final class SpoolPeer implements Peer {

    @Override
    public Map<String, String> shutdown() {
        PipelineStats stats = Spool.shutdown();
        Map<String, String> counters = new LinkedHashMap<>();
        counters.put("accepted", Long.toString(stats.accepted()));
        counters.put("written", Long.toString(stats.written()));
        counters.put("dropped", Long.toString(stats.droppedTotal()));
        counters.put("destinationErrors", Long.toString(stats.destinationErrors()));
        counters.put("batches", Long.toString(stats.batches())); // each ends with a flush: a write system call
        counters.put("maxQueueDepth", Long.toString(stats.maxQueueDepth()));
        return counters;
    }

    /** {@link Spool#flush()}: more than the peers' drain, as it also waits for the file's write. */
    @Override
    public void drain() {
        if (!Spool.flush()) {
            throw new IllegalStateException("Spool.flush() gave up before everything was written");
        }
    }

    @Override
    public Map<String, String> facts() {
        return Map.of("queueCapacity", Integer.toString(Spool.stats().queueCapacity()));
    }
}
