package dev.spool.bench.run;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spool's async pipeline with its defaults (block policy) writing to a {@code file} destination,
 * called through Spool's own logger API with the same arguments the SLF4J backends get.
 */
final class SpoolTarget implements LogTarget {

    private final Logger logger;

    SpoolTarget(Path file, int queueSlots, int bufferBytes, String pattern) {
        Spool.configure(SpoolConfig.builder()
                .name("bench")
                .queueCapacity(queueSlots)
                .destination("file", "file", Map.of(
                        "path", file.toString(),
                        "bufferSize", Integer.toString(bufferBytes),
                        "pattern", pattern))
                .route("root", "", Level.INFO, "file")
                .build());
        this.logger = Spool.logger(LOGGER);
    }

    @Override
    public void log(int thread, int index) {
        logger.info(MESSAGE, thread, index, 42);
    }

    @Override
    public Map<String, String> stop() {
        PipelineStats stats = Spool.shutdown();
        Map<String, String> counters = new LinkedHashMap<>();
        counters.put("accepted", Long.toString(stats.accepted()));
        counters.put("written", Long.toString(stats.written()));
        counters.put("dropped", Long.toString(stats.droppedTotal()));
        counters.put("destinationErrors", Long.toString(stats.destinationErrors()));
        return counters;
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("provider", "dev.spool.Spool (native API)");
        facts.put("queueCapacity", Integer.toString(Spool.stats().queueCapacity()));
        return facts;
    }
}
