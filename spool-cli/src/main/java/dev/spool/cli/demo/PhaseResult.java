package dev.spool.cli.demo;

import dev.spool.Level;

import java.time.Duration;
import java.util.Map;

/**
 * What one phase of the demo did.
 *
 * @param elapsed        from releasing the threads until {@code Spool.flush()} returned, so it
 *                       includes writing the events out, not only queueing them
 * @param eventsByLevel  events logged per level, counted by the threads themselves
 */
record PhaseResult(String phase, int threads, int eventsPerThread, Duration elapsed, Map<Level, Long> eventsByLevel) {

    PhaseResult {
        eventsByLevel = Map.copyOf(eventsByLevel);
    }

    long events() {
        return (long) threads * eventsPerThread;
    }

    long eventsPerSecond() {
        long nanos = Math.max(1, elapsed.toNanos());
        return Math.round(events() * 1e9 / nanos);
    }

    long count(Level level) {
        return eventsByLevel.getOrDefault(level, 0L);
    }
}
