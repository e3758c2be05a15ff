package dev.spool.store;

/** How many events fall in the bucket starting at {@code startMicros}. */
public record TimeBucket(long startMicros, long count) {
}
