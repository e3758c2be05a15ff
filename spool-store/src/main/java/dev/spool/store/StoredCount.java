package dev.spool.store;

/**
 * The events (logs and metric samples) a store holds from one producing process.
 *
 * @param total   all of them
 * @param covered those whose id counter is at most the bound asked for: the ones a ledger counted
 */
public record StoredCount(long total, long covered) {
}
