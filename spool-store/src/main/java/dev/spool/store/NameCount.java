package dev.spool.store;

/** How many events have a given logger or thread name. */
public record NameCount(String name, long count) {
}
