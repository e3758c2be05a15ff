package dev.spool.spi;

import java.io.IOException;

/** Opens a sink when a pipeline starts. Configuration errors are reported earlier, by the provider. */
@FunctionalInterface
public interface SinkFactory {

    Sink open(SinkContext context) throws IOException;
}
