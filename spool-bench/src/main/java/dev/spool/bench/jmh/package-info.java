/**
 * JMH micro-benchmarks of Spool's own costs: a disabled call, an enabled call into a destination that
 * does nothing, the enabled text path (the writer formats every event), text and JSON formatting alone,
 * and the queue hand-off with one, two and four producers. Run them through
 * {@code spool-bench/bench quick --only jmh} (or any mode); the build never runs them.
 */
package dev.spool.bench.jmh;
