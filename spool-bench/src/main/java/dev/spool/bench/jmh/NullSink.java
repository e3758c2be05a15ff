package dev.spool.bench.jmh;

import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;

/** A destination that does nothing, so a benchmark measures the logger and the pipeline alone. */
final class NullSink implements Sink {

    @Override
    public void write(LogEvent event) {
        // deliberately nothing
    }

    @Override
    public void flush() {
        // deliberately nothing
    }

    @Override
    public void close() {
        // deliberately nothing
    }
}
