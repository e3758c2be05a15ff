/**
 * {@code spool demo}: many threads log through one route into one file, then the file is read back and
 * checked, so the demo proves what it shows (no event lost or doubled, each thread's order kept).
 *
 * <pre>
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
