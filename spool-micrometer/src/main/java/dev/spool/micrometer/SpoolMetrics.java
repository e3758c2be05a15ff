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

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A Micrometer {@link MeterBinder} for Spool's pipeline: accepted, written and dropped (by reason) events,
 * queue depth, its maximum and capacity, batches, and for each destination its written, failed and
 * errors counts, held events, backlog and numeric health entries. Every meter is tagged {@code pipeline}; destination
 * meters also {@code destination} and {@code type}. Values are read from a fresh {@link PipelineStats}
 * snapshot on each poll, so the binder holds no state of the pipeline and costs nothing between polls.
 *
 * <p>The meters are those of the pipeline and destinations present when {@link #bindTo} is called: a
 * pipeline reconfigured with other destination names keeps the old meters (reading NaN) until bound
 * again. Thread-safe.
 */
public final class SpoolMetrics implements MeterBinder {

    private final Supplier<PipelineStats> stats;

    /** Meters of the pipeline behind {@link Spool}, the one the application logs to. */
    public SpoolMetrics() {
        this(Spool::stats);
    }

    /** Meters of the pipeline whose snapshots {@code stats} returns (called on every poll). */
    public SpoolMetrics(Supplier<PipelineStats> stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        PipelineStats now = stats.get();
        Tags pipeline = Tags.of("pipeline", now.pipeline());
        counter(registry, "spool.events.accepted", "Events that passed the level check and reached the pipeline",
                pipeline, PipelineStats::accepted);
        counter(registry, "spool.events.written", "Events the writer handed to all their destinations",
                pipeline, PipelineStats::written);
        for (DropReason reason : DropReason.values()) {
            counter(registry, "spool.events.dropped", "Accepted events not written, by reason",
                    pipeline.and("reason", reason.label()), s -> s.dropped(reason));
        }
        counter(registry, "spool.batches", "Batches written, each ending with one flush", pipeline,
                PipelineStats::batches);
        gauge(registry, "spool.queue.depth", "Events pending in the queue", pipeline, PipelineStats::pending);
        gauge(registry, "spool.queue.depth.max", "The deepest the queue has been", pipeline,
                PipelineStats::maxQueueDepth);
        gauge(registry, "spool.queue.capacity", "Slots in the queue", pipeline, PipelineStats::queueCapacity);
        for (DestinationStats d : now.destinations()) {
            bindDestination(registry, pipeline, d);
        }
    }

    private void bindDestination(MeterRegistry registry, Tags pipeline, DestinationStats d) {
        String name = d.name();
        Tags tags = pipeline.and("destination", name, "type", d.type());
        destinationCounter(registry, "spool.destination.written", "Events the destination accepted", tags, name,
                DestinationStats::written);
        destinationCounter(registry, "spool.destination.failed", "Events the destination refused: not written there",
                tags, name, DestinationStats::failed);
        destinationCounter(registry, "spool.destination.errors", "Failed writes and flushes, retries included",
                tags, name, DestinationStats::errors);
        destinationGauge(registry, "spool.destination.held", "Events accepted and held, not yet delivered (forward)",
                tags, name, DestinationStats::held);
        destinationGauge(registry, "spool.destination.backlog", "1 while the destination holds undelivered data",
                tags, name, s -> s.backlog() ? 1 : 0);
        for (Map.Entry<String, Object> e : d.health().entrySet()) {
            if (asNumber(e.getValue()) instanceof Number) {
                String key = e.getKey();
                destinationGauge(registry, "spool.destination.health", "A numeric entry of the destination's health",
                        tags.and("key", key), name, s -> health(s, key));
            }
        }
    }

    // Function counters keep only a weak reference to their state (the supplier); the gauges, registered
    // with strongReference(true) on the same supplier, keep it alive for as long as the registry lives.
    private void counter(MeterRegistry registry, String name, String help, Tags tags,
                         ToDoubleFunction<PipelineStats> value) {
        FunctionCounter.builder(name, stats, s -> value.applyAsDouble(s.get())).description(help).tags(tags)
                .baseUnit("events").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String help, Tags tags,
                       ToDoubleFunction<PipelineStats> value) {
        Gauge.builder(name, stats, s -> value.applyAsDouble(s.get())).description(help).tags(tags).strongReference(true)
                .register(registry);
    }

    private void destinationCounter(MeterRegistry registry, String name, String help, Tags tags, String destination,
                                    ToDoubleFunction<DestinationStats> value) {
        FunctionCounter.builder(name, stats, s -> destination(s.get(), destination, value)).description(help)
                .tags(tags).baseUnit("events").register(registry);
    }

    private void destinationGauge(MeterRegistry registry, String name, String help, Tags tags, String destination,
                                  ToDoubleFunction<DestinationStats> value) {
        Gauge.builder(name, stats, s -> destination(s.get(), destination, value)).description(help).tags(tags)
                .strongReference(true).register(registry);
    }

    /** The value for the named destination, or NaN when the pipeline no longer has it. */
    private static double destination(PipelineStats stats, String name, ToDoubleFunction<DestinationStats> value) {
        for (DestinationStats d : stats.destinations()) {
            if (d.name().equals(name)) {
                return value.applyAsDouble(d);
            }
        }
        return Double.NaN;
    }

    private static double health(DestinationStats d, String key) {
        Object value = asNumber(d.health().get(key));
        return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
    }

    /** Numbers as they are, booleans as 1 and 0; anything else unchanged (not a meter). */
    private static Object asNumber(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value ? 1 : 0;
        }
        return value;
    }
}
