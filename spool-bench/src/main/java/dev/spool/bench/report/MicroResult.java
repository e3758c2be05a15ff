package dev.spool.bench.report;

/**
 * One JMH benchmark result.
 *
 * @param benchmark        simple name, such as {@code LoggerCallBenchmark.disabled}
 * @param threads          benchmark threads
 * @param score            primary score in {@code unit}
 * @param error            99.9% confidence half-width, NaN when JMH has too few samples
 * @param allocBytesPerOp  JMH's {@code gc.alloc.rate.norm}: bytes allocated by every thread of the JVM
 *                         (the writer included) per operation; NaN if not measured
 */
public record MicroResult(String benchmark, int threads, String mode, double score, double error, String unit,
                          double allocBytesPerOp) {
}
