/**
 * What runs inside one benchmark JVM: a backend opened by name, producers that log a fixed number of
 * events or at a fixed rate, timings, and a result file the driver reads.
 *
 * <p>{@link dev.spool.bench.run.RunMain} is the entry point; the driver starts it with a classpath that
 * holds only the chosen backend's jars, so exactly one SLF4J provider is present.
 */
package dev.spool.bench.run;
