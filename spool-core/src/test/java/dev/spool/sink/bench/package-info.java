/**
 * End-to-end benchmarks of the file sinks, run by hand (never by {@code mvn verify}): see
 * {@link dev.spool.sink.bench.MultiProcessThroughput}.
 */
package dev.spool.sink.bench;
