/**
 * The raw store ingest benchmark: rows per second that {@code PostgresStore.writer} commits into a fresh
 * database, per ingest path, optional indexes, batch size and number of parallel writers
 * ({@code spool-bench/store-ingest}; docs/BENCHMARKS.md, section PostgreSQL).
 */
package dev.spool.bench.store;
