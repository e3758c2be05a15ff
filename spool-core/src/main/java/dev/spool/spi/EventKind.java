package dev.spool.spi;

/**
 * What an event is: a log line, a metric sample (name, value, unit; tags as its fields), or a producer's
 * {@link Ledger} (never shown as a log line: stores keep it in a table of its own).
 */
public enum EventKind {
    LOG, METRIC, LEDGER
}
