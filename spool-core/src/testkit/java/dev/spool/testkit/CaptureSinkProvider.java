package dev.spool.testkit;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.util.Set;

/** Destination type {@code capture} for configuration-file tests: a fresh {@link CapturingSink}. */
public final class CaptureSinkProvider implements SinkProvider {

    @Override
    public String type() {
        return "capture";
    }

    @Override
    public SinkFactory configure(Options options) {
        options.requireOnly(Set.of("level"));
        return context -> new CapturingSink();
    }
}
