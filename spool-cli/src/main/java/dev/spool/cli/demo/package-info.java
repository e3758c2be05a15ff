/**
 * {@code spool demo}: threads log events and metrics into the SQLite store and the summary is read back
 * from the database; then many threads log through one route into one file, and the file is read back and
 * checked, so the demo proves what it shows (no event lost or doubled, each thread's order kept).
 *
 * <pre>
 *  DemoCommand ── configure(sqlite destination) ──> Spool
 *      ├─ SqliteScenario: 8 threads x 5 s, mixed levels, fields, metrics ──> logs/spool.db
 *      └─ SqliteSummary: totals, logs/s, levels with % read back through SqliteStore; must match
 *  DemoCommand ── configure(file route) ──> Spool
 *      │
 *      ├─ Workload (phase "concurrency", then "stress"): N threads x M events ──> Spool.logger(...)
 *      │      └─ Progress on stderr (bar on a terminal, a few lines otherwise)
 *      ├─ Spool.flush(), Spool.stats(): nothing dropped
 *      ├─ DemoSummary on stdout
 *      └─ LogFileCheck: read the file back, every event once, per-thread order
 * </pre>
 */
package dev.spool.cli.demo;
