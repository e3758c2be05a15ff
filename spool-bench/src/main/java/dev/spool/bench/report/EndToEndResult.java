package dev.spool.bench.report;

/**
 * One end-to-end run: {@code events} logged by {@code threads} producers in a fresh JVM.
 *
 * @param backend        backend id, such as {@code log4j2-async}
 * @param label          backend with the versions it ran
 * @param producerNanos  from releasing the producers until the last one returned from its last call
 * @param endToEndNanos  from releasing the producers until shutdown returned with the file written and closed
 * @param bytes          size of the file
 * @param verdict        {@code OK}, or what the file check or the run found wrong
 * @param ok             whether the file check passed (only then do the rates mean anything)
 * @param note           what else the run reported (GC, counters, warnings on stderr)
 * @param shape          the call shape's id, such as {@code args3}
 * @param cpu            the run's CPU time by who spent it
 * @param cold           the same JVM's cold pass before this one, the JIT still compiling: its
 *                       {@code endToEndNanos} end when the backend had drained its queue; {@code null} when
 *                       the run had none (or this is the cold pass)
 */
public record EndToEndResult(String backend, String label, int threads, int repeat, long events, long producerNanos,
                             long endToEndNanos, long bytes, String verdict, boolean ok, String note,
                             String shape, CpuTime cpu, EndToEndResult cold) {

    /** A run without a cold pass. */
    public EndToEndResult(String backend, String label, int threads, int repeat, long events, long producerNanos,
                          long endToEndNanos, long bytes, String verdict, boolean ok, String note, String shape,
                          CpuTime cpu) {
        this(backend, label, threads, repeat, events, producerNanos, endToEndNanos, bytes, verdict, ok, note, shape,
                cpu, null);
    }

    /** Events per second until everything was on disk. */
    public double eventsPerSecond() {
        return endToEndNanos <= 0 ? 0 : events * 1e9 / endToEndNanos;
    }

    /** Events per second as the producers saw it (until their last call returned). */
    public double producerEventsPerSecond() {
        return producerNanos <= 0 ? 0 : events * 1e9 / producerNanos;
    }

    /** Megabytes (10^6 bytes) of file per second until everything was on disk. */
    public double megabytesPerSecond() {
        return endToEndNanos <= 0 ? 0 : bytes * 1e3 / endToEndNanos;
    }
}
