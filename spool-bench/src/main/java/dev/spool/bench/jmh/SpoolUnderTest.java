package dev.spool.bench.jmh;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.spi.SinkFactory;

/** Starts Spool for a benchmark fork with one destination at INFO, and stops it. */
final class SpoolUnderTest {

    private SpoolUnderTest() {
    }

    /** Configures Spool with {@code destination} as the only destination and returns a logger. */
    static Logger start(SinkFactory destination) {
        Spool.configure(SpoolConfig.builder()
                .name("jmh")
                .jmx(false)
                .shutdownHook(false)
                .destination("target", destination)
                .route("root", "", Level.INFO, "target")
                .build());
        return Spool.logger("bench.Jmh");
    }

    static void stop() {
        Spool.shutdown();
    }
}
