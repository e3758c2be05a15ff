/**
 * Spool's API: {@link dev.spool.Spool} (loggers, configuration, flush, shutdown, levels, stats),
 * {@link dev.spool.Logger} and {@link dev.spool.EventBuilder} for logging, {@link dev.spool.Context}
 * for thread-bound key/values, and the configuration records.
 */
package dev.spool;
