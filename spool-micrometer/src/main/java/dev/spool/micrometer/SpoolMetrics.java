package dev.spool.micrometer;

import dev.spool.DestinationStats;
import dev.spool.DropReason;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds a pipeline's counters to a Micrometer registry, tagged by {@code pipeline} (and {@code destination}
 * and {@code type} for a destination's):
 *
 * <pre>
 * spool.events.accepted, spool.events.written        counters
 * spool.events.dropped{reason}                        counter per drop reason
 * spool.events.pending, spool.queue.depth,
 * spool.queue.depth.max, spool.queue.capacity         gauges
 * spool.destination.written, .failed, .errors         counters per destination
 * spool.destination.backlog                           gauge, 1 while it holds data it could not deliver
 * spool.destination.health{key}                       gauge per numeric entry of its health (spool_events, ...)
 * </pre>
 *
 * <p>Every meter reads one snapshot of the stats, renewed when older than its maximum age (1 s by default),
 * so a registry reading all meters at once (a Prometheus scrape) costs one snapshot. The destinations and health
 * keys are those of the pipeline when {@link #bindTo} is called. Thread-safe.
 */
public final class SpoolMetrics implements MeterBinder {

    private final Supplier<PipelineStats> source;
    private final long maxAgeNanos;
    private volatile PipelineStats snapshot;
    private volatile long snapshotAtNanos;

    /** The metrics of the process's own logging ({@link Spool#stats()}). */
    public SpoolMetrics() {
        this(Spool::stats);
    }

    /** The metrics of any pipeline, such as a collector's ingress ({@code ingress::stats}). */
    public SpoolMetrics(Supplier<PipelineStats> stats) {
        this(stats, Duration.ofSeconds(1));
    }

    /** As {@link #SpoolMetrics(Supplier)}, a snapshot serving the meters for at most {@code maxAge}. */
    public SpoolMetrics(Supplier<PipelineStats> stats, Duration maxAge) {
        this.source = Objects.requireNonNull(stats, "stats");
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        PipelineStats first = stats();
        Tags pipeline = Tags.of("pipeline", first.pipeline());
        counter(registry, "spool.events.accepted", "events that passed the level check", pipeline, PipelineStats::accepted);
        counter(registry, "spool.events.written", "events handed to all their destinations", pipeline,
                PipelineStats::written);
        for (DropReason reason : DropReason.values()) {
            counter(registry, "spool.events.dropped", "events not written, by reason", pipeline.and("reason", reason.label()),
                    s -> s.dropped(reason));
        }
        gauge(registry, "spool.events.pending", "events in the queue", pipeline, PipelineStats::pending);
        gauge(registry, "spool.queue.depth", "events in the queue", pipeline, PipelineStats::queueDepth);
        gauge(registry, "spool.queue.depth.max", "the deepest the queue has been", pipeline, PipelineStats::maxQueueDepth);
        gauge(registry, "spool.queue.capacity", "slots in the queue", pipeline, PipelineStats::queueCapacity);
        for (DestinationStats d : first.destinations()) {
            Tags tags = pipeline.and("destination", d.name()).and("type", d.type());
            String name = d.name();
            counter(registry, "spool.destination.written", "events the destination accepted", tags,
                    s -> destination(s, name, DestinationStats::written));
            counter(registry, "spool.destination.failed", "events the destination refused", tags,
                    s -> destination(s, name, DestinationStats::failed));
            counter(registry, "spool.destination.errors", "failed writes and flushes, retries included", tags,
                    s -> destination(s, name, DestinationStats::errors));
            gauge(registry, "spool.destination.backlog", "1 while the destination holds data it could not deliver",
                    tags, s -> destination(s, name, x -> x.backlog() ? 1 : 0));
            for (Map.Entry<String, Object> h : d.health().entrySet()) {
                if (h.getValue() instanceof Number) {
                    String key = h.getKey();
                    gauge(registry, "spool.destination.health", "what the destination reports of itself",
                            tags.and("key", key), s -> health(s, name, key));
                }
            }
        }
    }

    private void counter(MeterRegistry r, String name, String help, Tags tags, ToDoubleFunction<PipelineStats> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.stats())).description(help).tags(tags).register(r);
    }

    private void gauge(MeterRegistry r, String name, String help, Tags tags, ToDoubleFunction<PipelineStats> f) {
        Gauge.builder(name, this, m -> f.applyAsDouble(m.stats())).description(help).tags(tags).register(r);
    }

    private static double destination(PipelineStats s, String name, ToDoubleFunction<DestinationStats> f) {
        for (DestinationStats d : s.destinations()) {
            if (d.name().equals(name)) {
                return f.applyAsDouble(d);
            }
        }
        return Double.NaN; // gone after a reconfiguration
    }

    private static double health(PipelineStats s, String name, String key) {
        return destination(s, name, d -> d.health().get(key) instanceof Number
                ? ((Number) d.health().get(key)).doubleValue() : Double.NaN);
    }

    /** The current snapshot, renewed when older than the maximum age. */
    PipelineStats stats() {
        long now = System.nanoTime();
        PipelineStats s = snapshot;
        if (s == null || now - snapshotAtNanos >= maxAgeNanos) {
            s = source.get();
            snapshot = s;
            snapshotAtNanos = now;
        }
        return s;
    }
}
