package dev.spool.spi.support;

import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a relay (the collector, the consumer) counts for its own ledgers (docs/audit.md): per upstream
 * producer process, named by the node bits of the event ids, events received, written and removed as
 * duplicates; and relay-wide, what cannot be attributed to one producer. {@link #ledgers} turns the counts
 * into {@link Ledger} events with a {@link Ledger.Relay}, one per producer and one for the relay-wide counts.
 *
 * <p>Not thread-safe: a relay counts on one thread, or counts a batch in a tally of its own and
 * {@link #addAll adds} it to the shared one under its own lock. Nodes are kept for the life of the relay
 * (about 100 bytes each).
 */
public final class RelayTally {

    /** A count: index into the counts of a node or of the relay as a whole. */
    public enum Count { RECEIVED, WRITTEN, DUPLICATES, FAILED, DEAD_LETTERED, REJECTED }

    private static final int COUNTS = Count.values().length;

    private final Map<Long, long[]> byNode = new HashMap<>();
    private final long[] relayWide = new long[COUNTS];
    private long lastNode = -1;
    private long[] lastCounts;

    /** An empty tally. */
    public RelayTally() {
        // counts start at zero
    }

    /** The 40 node bits of an id: the process that made it (characters 11 to 18 of its text). */
    public static long node(long idHigh, long idLow) {
        return ((idHigh & 0xFFFFL) << 24) | (idLow >>> 40);
    }

    /** The 8 characters of id text that hold {@code node}, as {@link EventId#nodeText} gives them. */
    public static String nodeText(long node) {
        return EventId.nodeText(node >>> 24, (node & 0xFF_FFFFL) << 40);
    }

    /** Adds {@code n} to one count of the producer {@code node}. */
    public void add(long node, Count count, long n) {
        if (node != lastNode || lastCounts == null) {
            lastCounts = byNode.computeIfAbsent(node, k -> new long[COUNTS]);
            lastNode = node;
        }
        lastCounts[count.ordinal()] += n;
    }

    /** Adds one to one count of the producer of the event with this id. */
    public void add(long idHigh, long idLow, Count count) {
        add(node(idHigh, idLow), count, 1);
    }

    /** Adds {@code n} to a count of the relay as a whole (not attributed to a producer). */
    public void addRelayWide(Count count, long n) {
        relayWide[count.ordinal()] += n;
    }

    /** Adds every count of {@code other} to this one's. */
    public void addAll(RelayTally other) {
        other.byNode.forEach((node, counts) -> {
            long[] mine = byNode.computeIfAbsent(node, k -> new long[COUNTS]);
            for (int i = 0; i < COUNTS; i++) {
                mine[i] += counts[i];
            }
        });
        for (int i = 0; i < COUNTS; i++) {
            relayWide[i] += other.relayWide[i];
        }
    }

    /** One count of one producer (0 if none). */
    public long get(long node, Count count) {
        long[] counts = byNode.get(node);
        return counts == null ? 0 : counts[count.ordinal()];
    }

    /** Forgets every count; the same object can count again. */
    public void clear() {
        byNode.clear();
        java.util.Arrays.fill(relayWide, 0);
        lastNode = -1;
        lastCounts = null;
    }

    /** The producers counted, as node longs. */
    public java.util.Set<Long> nodes() {
        return java.util.Collections.unmodifiableSet(byNode.keySet());
    }

    /**
     * The ledger events of the counts now: one per producer (in node order) and a last one with the
     * relay-wide counts (upstream empty). All carry this process's node and the same time.
     *
     * @param role        {@code collector} or {@code consumer}
     * @param pipeline    the relay's name (its pipeline's, or {@code consumer})
     * @param startMicros when the relay started: with the node it names this run of the relay
     * @param resource    the relay's own service, host and pid
     * @param last        whether this is the final ledger, made when the relay stops cleanly
     */
    public List<LogEvent> ledgers(String role, String pipeline, long startMicros, Resource resource, boolean last) {
        Instant now = Instant.now();
        long at = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        String self = EventId.localNodeText();
        List<LogEvent> events = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : new TreeMap<>(byNode).entrySet()) {
            events.add(event(self, startMicros, pipeline, at, last, relay(role, nodeText(e.getKey()), e.getValue()), resource));
        }
        events.add(event(self, startMicros, pipeline, at, last, relay(role, "", relayWide), resource));
        return events;
    }

    private static Ledger.Relay relay(String role, String upstream, long[] c) {
        return new Ledger.Relay(role, upstream, c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    private static LogEvent event(String self, long startMicros, String pipeline, long at, boolean last,
                                  Ledger.Relay relay, Resource resource) {
        return new LedgerEvent(new Ledger(self, startMicros, pipeline, "*", at, 0, 0, Map.of(), "", last, relay),
                resource);
    }
}
