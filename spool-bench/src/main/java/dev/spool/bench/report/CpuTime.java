package dev.spool.bench.report;

/**
 * Where a run's CPU time went, in nanoseconds: the producer threads, the backend's own threads (Spool's
 * writer, a peer's appender thread), the JIT compilers, the garbage collector, and the whole process.
 * Steadier than wall-clock rates on a shared machine: other load changes when a thread runs, not how much
 * it has to do. All zero when the run could not measure it.
 */
public record CpuTime(long producerNanos, long backendNanos, long jitNanos, long gcNanos, long processNanos) {

    /** For a run that measured nothing. */
    public static final CpuTime NONE = new CpuTime(0, 0, 0, 0, 0);

    /** Nanoseconds of producer CPU per event. */
    public double producerPerEvent(long events) {
        return events <= 0 ? 0 : (double) producerNanos / events;
    }

    /** Nanoseconds of backend-thread CPU per event. */
    public double backendPerEvent(long events) {
        return events <= 0 ? 0 : (double) backendNanos / events;
    }

    /** Nanoseconds of process CPU per event, everything included. */
    public double processPerEvent(long events) {
        return events <= 0 ? 0 : (double) processNanos / events;
    }
}
