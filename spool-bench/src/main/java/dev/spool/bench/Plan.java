package dev.spool.bench;

import dev.spool.bench.run.Shape;
import dev.spool.bench.services.Suites;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What one invocation measures and how much: the sizes of a mode, possibly narrowed by command-line
 * options. Immutable; the {@code with...} methods return changed copies.
 *
 * @param mode            smoke, quick or full
 * @param sections        which of {@code e2e}, {@code latency}, {@code jmh}, {@code multiprocess} and the service
 *                        suites ({@link Suites}) run
 * @param backends        backends to run (each section keeps those it takes part in)
 * @param events          end-to-end: events per run, over all producers
 * @param shapes          end-to-end: the call shapes to run ({@link Shape#MAIN} at {@code threadCounts})
 * @param threadCounts    end-to-end: producer counts of {@link Shape#MAIN}
 * @param shapeThreads    end-to-end: producer counts of every other shape (kept short: shapes multiply runs)
 * @param repeats         end-to-end: fresh JVMs per configuration; the report shows the median
 * @param loads           latency: total events per second, shared by {@code latencyThreads} producers;
 *                        {@link #SATURATION} (0) for producers that log back to back
 * @param latencyThreads  latency: producers
 * @param warmup          latency: paced but not recorded, before the measured part
 * @param measure         latency: recorded part of each run
 * @param jmhForks        JMH forks per benchmark (0: no JMH)
 * @param jmhWarmups      JMH warm-up iterations
 * @param jmhMeasurements JMH measured iterations
 * @param jmhIteration    JMH iteration time
 * @param childTimeout    how long one benchmark JVM may run before it is killed and reported
 * @param queueSlots      every async backend's queue (Spool's ring, Logback's {@code AsyncAppender}, Log4j 2's
 *                        ring buffer): {@link Bench#QUEUE_SLOTS} unless {@code --queue-slots} says otherwise
 */
record Plan(String mode, List<String> sections, List<Backend> backends, List<Shape> shapes, int events,
            List<Integer> threadCounts, List<Integer> shapeThreads, int repeats, List<Integer> loads, int latencyThreads, Duration warmup, Duration measure, int jmhForks,
            int jmhWarmups, int jmhMeasurements, Duration jmhIteration, Duration childTimeout, int queueSlots) {

    static final List<String> ALL_SECTIONS = List.of("e2e", "latency", "jmh", "multiprocess");
    /** The latency "load" of producers that log back to back, block policy in force. */
    static final int SATURATION = 0;
    private static final List<Integer> THREADS = List.of(1, 4, 16, 64);
    private static final List<Integer> SHAPE_THREADS = List.of(1, 4);
    private static final List<Integer> LOADS = List.of(50_000, 200_000, 500_000, SATURATION);
    /** A saturation run logs as many events as a run at this rate would over the same durations. */
    private static final int SATURATION_SIZING = 500_000;
    /** The service suites (dev.spool.bench.services): part of {@code full}, or chosen with {@code --only}. */
    static final List<String> SERVICE_SECTIONS = Suites.ids();

    /** Validates sizes: every thread count must divide the event total, so each producer logs the same. */
    Plan {
        sections = List.copyOf(sections);
        backends = List.copyOf(backends);
        shapes = List.copyOf(shapes);
        threadCounts = List.copyOf(threadCounts);
        shapeThreads = List.copyOf(shapeThreads);
        loads = List.copyOf(loads);
        for (int t : java.util.stream.Stream.concat(threadCounts.stream(), shapeThreads.stream()).toList()) {
            if (t < 1 || events % t != 0) {
                throw new IllegalArgumentException("bad thread count " + t + ": it must divide the " + events
                        + " events so that every producer logs the same number");
            }
        }
        if (repeats < 1 || latencyThreads < 1) {
            throw new IllegalArgumentException("repeats and latency threads must be at least 1");
        }
        for (int load : loads) {
            if (load < 0) {
                throw new IllegalArgumentException("bad load " + load + ": events/s, or saturation");
            }
        }
        if (queueSlots < 16 || queueSlots > 1 << 24 || Integer.bitCount(queueSlots) != 1) {
            throw new IllegalArgumentException("bad queue size " + queueSlots
                    + ": a power of two from 16 to 16777216 (Log4j 2's ring buffer takes only powers of two)");
        }
    }

    /**
     * The sizes of {@code smoke} (seconds, for CI; JMH only when asked with {@code --only jmh}, and then one
     * 200 ms iteration each, enough to prove a benchmark runs), {@code quick} (under five minutes) or
     * {@code full}.
     */
    static Plan forMode(String name) {
        List<Backend> all = List.of(Backend.values());
        List<Shape> shapes = Shape.all();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke":
                return new Plan("smoke", List.of("e2e", "latency", "multiprocess"), all, shapes, 2_000, List.of(1, 2),
                        List.of(1), 1, List.of(50_000, SATURATION), 4,
                        Duration.ofMillis(50), Duration.ofMillis(100), 1, 1, 1, Duration.ofMillis(200),
                        Duration.ofSeconds(60), Bench.QUEUE_SLOTS);
            case "quick":
                return new Plan("quick", ALL_SECTIONS, all, shapes, 200_000, THREADS, SHAPE_THREADS, 1, LOADS, 4,
                        Duration.ofSeconds(1), Duration.ofSeconds(3), 1, 2, 3, Duration.ofSeconds(1),
                        Duration.ofMinutes(2), Bench.QUEUE_SLOTS);
            case "full":
                return new Plan("full", Stream.concat(ALL_SECTIONS.stream(), SERVICE_SECTIONS.stream()).toList(), all,
                        shapes, 2_000_000, THREADS, SHAPE_THREADS, 3, LOADS, 4,
                        Duration.ofSeconds(5), Duration.ofSeconds(20), 2, 5, 5, Duration.ofSeconds(2),
                        Duration.ofMinutes(10), Bench.QUEUE_SLOTS);
            default:
                throw new IllegalArgumentException("unknown mode '" + name + "': expected smoke, quick or full");
        }
    }

    Plan withSections(List<String> s) {
        return new Plan(mode, s, backends, shapes, events, threadCounts, shapeThreads, repeats, loads, latencyThreads,
                warmup, measure, jmhForks, jmhWarmups, jmhMeasurements, jmhIteration, childTimeout, queueSlots);
    }

    Plan withBackends(List<Backend> b) {
        return new Plan(mode, sections, b, shapes, events, threadCounts, shapeThreads, repeats, loads, latencyThreads,
                warmup, measure, jmhForks, jmhWarmups, jmhMeasurements, jmhIteration, childTimeout, queueSlots);
    }

    Plan withShapes(List<Shape> s) {
        return new Plan(mode, sections, backends, s, events, threadCounts, shapeThreads, repeats, loads, latencyThreads,
                warmup, measure, jmhForks, jmhWarmups, jmhMeasurements, jmhIteration, childTimeout, queueSlots);
    }

    /** Sets the events, the repeats and the thread counts of {@link Shape#MAIN}, and those of the other shapes. */
    Plan withEndToEnd(int e, List<Integer> t, List<Integer> others, int r) {
        return new Plan(mode, sections, backends, shapes, e, t, others, r, loads, latencyThreads, warmup, measure,
                jmhForks, jmhWarmups, jmhMeasurements, jmhIteration, childTimeout, queueSlots);
    }

    Plan withLatency(List<Integer> l, Duration w, Duration m) {
        return new Plan(mode, sections, backends, shapes, events, threadCounts, shapeThreads, repeats, l, latencyThreads,
                w, m, jmhForks, jmhWarmups, jmhMeasurements, jmhIteration, childTimeout, queueSlots);
    }

    Plan withQueueSlots(int q) {
        return new Plan(mode, sections, backends, shapes, events, threadCounts, shapeThreads, repeats, loads, latencyThreads,
                warmup, measure, jmhForks, jmhWarmups, jmhMeasurements, jmhIteration, childTimeout, q);
    }

    /** End to end: the producer counts {@code shape} runs at. */
    List<Integer> threadsFor(Shape shape) {
        return shape == Shape.MAIN ? threadCounts : shapeThreads;
    }

    /** Latency: events per producer for a load over a duration. */
    int perThread(int load, Duration d) {
        long rate = load == SATURATION ? SATURATION_SIZING : load;
        return (int) Math.max(1, rate * d.toMillis() / 1000 / latencyThreads);
    }
}
