/** End-to-end benchmarks of the collector with real processes; runnable mains, not tests. */
package dev.spool.collector.bench;
