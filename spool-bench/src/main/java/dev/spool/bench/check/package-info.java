/**
 * Checks a benchmark's log file: every event present exactly once and each producer's events in the order
 * it logged them. A run that fails the check reports its losses instead of a throughput figure.
 */
package dev.spool.bench.check;
