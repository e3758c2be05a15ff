package dev.spool.internal.pipeline;

import dev.spool.DestinationConfig;
import dev.spool.DestinationStats;
import dev.spool.Resource;
import dev.spool.SpoolConfig;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The open destinations of one pipeline, in configuration order. Touched only by the thread holding the
 * pipeline's write lock, except {@link #stats()}, which tolerates racing the writer.
 */
final class Destinations {

    private final Destination[] all;

    Destinations(Destination... all) {
        this.all = all.clone();
    }

    /**
     * Opens every destination of {@code config}; if one fails, closes those already open.
     *
     * @throws IllegalStateException naming the destination that could not be opened
     */
    static Destinations open(SpoolConfig config) {
        List<Destination> opened = new ArrayList<>();
        try {
            for (DestinationConfig d : config.destinations().values()) {
                opened.add(new Destination(d.name(), d.type(), open(d, config.resource())));
            }
        } catch (RuntimeException | IOException e) {
            opened.forEach(Destination::close);
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new Destinations(opened.toArray(new Destination[0]));
    }

    private static Sink open(DestinationConfig d, Resource resource) throws IOException {
        try {
            Sink sink = d.factory().open(new SinkContext() {
                @Override public String destinationName() { return d.name(); }
                @Override public Resource resource() { return resource; }
            });
            if (sink == null) {
                throw new IllegalStateException("factory returned no sink");
            }
            return sink;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("destination '" + d.name() + "' (" + d.type()
                    + ") could not be opened: " + e.getMessage(), e);
        }
    }

    /** Every destination, in configuration order; the array must not be changed. */
    Destination[] all() {
        return all;
    }

    /** The destination called {@code name}, or null. */
    Destination named(String name) {
        for (Destination d : all) {
            if (d.name.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** Flushes every destination this batch wrote to or that is retrying a backlog. */
    void flushIfNeeded() {
        for (Destination d : all) {
            d.flushIfNeeded();
        }
    }

    boolean anyBacklog() {
        for (Destination d : all) {
            if (d.hasBacklog()) {
                return true;
            }
        }
        return false;
    }

    void closeAll() {
        for (Destination d : all) {
            d.close();
        }
    }

    List<DestinationStats> stats() {
        List<DestinationStats> stats = new ArrayList<>(all.length);
        for (Destination d : all) {
            stats.add(d.stats());
        }
        return stats;
    }
}
