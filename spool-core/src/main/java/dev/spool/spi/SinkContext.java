package dev.spool.spi;

import dev.spool.Resource;

/** What a pipeline tells a sink it opens: the destination's name and the pipeline's resource. */
public interface SinkContext {

    /** The destination name from the configuration. */
    String destinationName();

    Resource resource();
}
