package dev.spool.spi;

/** What an event is: a log line, or a metric sample (name, value, unit; tags as its fields). */
public enum EventKind {
    LOG, METRIC
}
