package dev.spool.store;

import dev.spool.spi.Ledger;

import java.util.Map;

/**
 * The latest ledger a store holds for one producing pipeline and destination (docs/audit.md).
 *
 * @param node        the 8 characters of the event id that name the producing process
 * @param startMicros when that pipeline started
 * @param lastCounter the id counter (characters 19 to 26 of the id text) up to which this ledger counts
 *                    the pipeline's events; empty when it had made none
 * @param last        whether this was the pipeline's final ledger (it shut down cleanly)
 * @param relay       null for a producer's ledger; for a relay's ledger (kept in {@code relay_ledgers}), its
 *                    counts for one upstream producer, and {@code node}, {@code startMicros}, {@code service},
 *                    {@code host} and {@code pid} name the relay
 */
public record LedgerRecord(String node, long startMicros, String pipeline, String destination, long atMicros,
                           long sent, long failed, Map<String, Long> dropped, String lastCounter, boolean last,
                           String service, String host, long pid, Ledger.Relay relay) {

    public LedgerRecord {
        dropped = Map.copyOf(dropped);
    }

    /** A producer's ledger. */
    public LedgerRecord(String node, long startMicros, String pipeline, String destination, long atMicros,
                        long sent, long failed, Map<String, Long> dropped, String lastCounter, boolean last,
                        String service, String host, long pid) {
        this(node, startMicros, pipeline, destination, atMicros, sent, failed, dropped, lastCounter, last, service,
                host, pid, null);
    }
}
