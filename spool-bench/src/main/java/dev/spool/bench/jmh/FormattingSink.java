package dev.spool.bench.jmh;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;

/**
 * A destination that formats every event into a reusable buffer and throws the bytes away at the end of
 * each batch: the enabled path with formatting, without the file system.
 */
final class FormattingSink implements Sink {

    private final Format format;
    private final ByteBuilder buffer = new ByteBuilder(256 * 1024);
    private long bytes;

    FormattingSink(Format format) {
        this.format = format;
    }

    @Override
    public void write(LogEvent event) {
        format.format(event, buffer);
    }

    @Override
    public void flush() {
        bytes += buffer.length(); // kept, so the formatting cannot be optimised away
        buffer.clear();
    }

    @Override
    public void close() {
        flush();
    }
}
