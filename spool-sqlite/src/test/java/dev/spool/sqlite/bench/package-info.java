/**
 * Benchmarks of the SQLite store, run by hand (they are mains, not tests, and never run in {@code verify}):
 * {@link dev.spool.sqlite.bench.SqliteThroughputBench} (events/s through the pipeline against plain
 * batched JDBC) and {@link dev.spool.sqlite.bench.SqliteQueryBench} (query latency on a large database).
 * docs/sqlite.md gives the commands.
 */
package dev.spool.sqlite.bench;
