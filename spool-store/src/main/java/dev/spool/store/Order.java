package dev.spool.store;

/** The order of a query's results, by timestamp then by insertion. */
public enum Order {
    NEWEST_FIRST, OLDEST_FIRST
}
