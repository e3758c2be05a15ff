package dev.spool.slf4j;

import dev.spool.spi.LogEvent;
import dev.spool.spi.Options;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.util.Set;

/**
 * Destination type {@code lines} for child-JVM tests: one line per event on stdout,
 * {@code LEVEL|logger|message|context|exception class: message}, so a test can read what a process
 * logged without depending on a real format.
 */
public final class LinesSinkProvider implements SinkProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public LinesSinkProvider() {
    }

    @Override
    public String type() {
        return "lines";
    }

    @Override
    public SinkFactory configure(Options options) {
        options.requireOnly(Set.of("type"));
        return context -> new LinesSink();
    }

    private static final class LinesSink implements Sink {
        private final StringBuilder batch = new StringBuilder();

        @Override
        public void write(LogEvent e) {
            batch.append(e.level()).append('|').append(e.logger()).append('|').append(e.message())
                    .append('|').append(e.context());
            if (e.throwable() != null) {
                batch.append('|').append(e.throwable());
            }
            batch.append('\n');
        }

        @Override
        public void flush() {
            System.out.print(batch);
            System.out.flush();
            batch.setLength(0);
        }

        @Override
        public void close() {
            flush();
        }
    }
}
