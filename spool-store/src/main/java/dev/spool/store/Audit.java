package dev.spool.store;

import dev.spool.spi.Ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares what producers say they sent (their latest ledgers) with what a store holds (docs/audit.md),
 * and with what the relays on the way (collectors, consumers) say they received and wrote of each
 * producer's events, so that a gap is placed at the hop where it happened.
 *
 * <p>An event is attributed to the process whose id it carries: characters 11 to 18 of the id text are
 * the 40 node bits each process draws at random when it starts. A process that reconfigured ran several
 * pipelines in turn; their ledgers add up. A ledger covers exactly the events whose id counter is at most
 * its {@code lastCounter}: those are compared with {@code sent}; later ones are in flight.
 */
public final class Audit {

    /** How one instance's events reached one destination's store. */
    public enum State {
        /** The final ledger arrived: the pipeline shut down cleanly. */
        CLOSED,
        /** Ledgers still arrive. */
        RUNNING,
        /** No final ledger and none for longer than the silence limit: the process vanished (or is cut off). */
        SILENT
    }

    /**
     * One producing process and destination.
     *
     * @param sent     events the destination took, by the latest ledgers
     * @param stored   events of this process the store holds
     * @param missing  counted as sent but not stored (never negative)
     * @param inFlight stored events newer than the latest ledger (sent after it)
     * @param failed   events the destination refused at the source
     * @param dropped  events the pipeline never wrote, by reason
     * @param hops     what each kind of relay says of this producer's events, upstream first
     *                 ({@code collector} before {@code consumer}); empty when no relay wrote ledgers here
     * @param gapAt    where the missing events were lost: {@code before ROLE} (between the previous hop and
     *                 that relay), {@code in ROLE} (received, not written), {@code after ROLE} (written by the
     *                 last relay, not in the store), {@code unplaced} when no relay ledger speaks of this
     *                 producer; empty when nothing is missing
     */
    public record Entry(String node, String service, String host, long pid, String destination, int pipelines,
                        long sent, long stored, long missing, long inFlight, long failed, Map<String, Long> dropped,
                        State state, long lastLedgerMicros, List<Hop> hops, String gapAt) {

        public Entry {
            dropped = Map.copyOf(dropped);
            hops = List.copyOf(hops);
        }

        /** An entry without relays' counts. */
        public Entry(String node, String service, String host, long pid, String destination, int pipelines,
                     long sent, long stored, long missing, long inFlight, long failed, Map<String, Long> dropped,
                     State state, long lastLedgerMicros) {
            this(node, service, host, pid, destination, pipelines, sent, stored, missing, inFlight, failed, dropped,
                    state, lastLedgerMicros, List.of(), missing == 0 ? "" : UNPLACED);
        }
    }

    /** {@link Entry#gapAt()} when no relay ledger speaks of the producer. */
    public static final String UNPLACED = "unplaced";

    /**
     * What the relays of one role (every run of every collector, say) say of one producer's events, summed
     * over their latest ledgers. A relay started again counts from zero, and events sent again to it after a
     * restart count again, so these sums can pass the producer's {@code sent}.
     *
     * @param role       {@code collector} or {@code consumer}
     * @param relays     relay runs that counted events of this producer
     * @param received   events of this producer they read
     * @param written    of those, events that reached their destination
     * @param duplicates events they removed as seen already (0 where only the relay as a whole knows them)
     * @param failed     events they took and could not write
     */
    public record Hop(String role, int relays, long received, long written, long duplicates, long failed) {
    }

    /**
     * One run of one relay (docs/audit.md): its counts over all upstream producers, including those it
     * cannot attribute to one (lines refused as malformed, dead letters, the consumer's duplicates).
     *
     * @param node        the relay process's node; with {@code startMicros}, this run of it
     * @param role        {@code collector} or {@code consumer}
     * @param upstreams   producers it counted events of
     * @param state       {@code CLOSED} once its final ledger arrived, {@code SILENT} when none came for the
     *                    silence limit (it was killed, or its path is cut), {@code RUNNING} otherwise
     */
    public record RelayEntry(String node, long startMicros, String role, String pipeline, String service, String host,
                             long pid, int upstreams, long received, long written, long duplicates, long failed,
                             long deadLettered, long rejected, State state, long lastLedgerMicros) {
    }

    /** How many events of one process the audited place holds: {@link LogStore#storedEvents}, or a file's count. */
    @FunctionalInterface
    public interface StoredEvents {
        /** Events whose id carries {@code node}, and those of them with an id counter up to {@code coveredUpTo}. */
        StoredCount count(String node, String coveredUpTo);
    }

    private Audit() {
    }

    /**
     * Audits every instance with a ledger made at or after {@code sinceMicros}; an instance without a final
     * ledger and no ledger for {@code silentAfterMicros} before {@code nowMicros} is {@link State#SILENT}.
     */
    public static List<Entry> run(LogStore store, long sinceMicros, long nowMicros, long silentAfterMicros) {
        return withRelays(run(store.ledgers(sinceMicros), store::storedEvents, nowMicros, silentAfterMicros),
                store.relayLedgers(sinceMicros));
    }

    /**
     * Audits the given latest ledgers (one per process, pipeline and destination) against {@code stored}:
     * the same comparison for a place that is not a {@link LogStore}, such as a JSON Lines file.
     */
    public static List<Entry> run(List<LedgerRecord> ledgers, StoredEvents stored, long nowMicros,
                                  long silentAfterMicros) {
        Map<String, List<LedgerRecord>> groups = new TreeMap<>();
        for (LedgerRecord l : ledgers) {
            groups.computeIfAbsent(l.node() + '\u0000' + l.destination(), k -> new ArrayList<>()).add(l);
        }
        List<Entry> entries = new ArrayList<>();
        for (List<LedgerRecord> group : groups.values()) {
            entries.add(entry(stored, group, nowMicros, silentAfterMicros));
        }
        return entries;
    }

    /**
     * {@code entries} with what the relays' ledgers say of each producer ({@link Entry#hops()}) and, for an
     * entry that misses events, where they were lost ({@link Entry#gapAt()}).
     */
    public static List<Entry> withRelays(List<Entry> entries, List<LedgerRecord> relayLedgers) {
        Map<String, List<LedgerRecord>> relayed = new TreeMap<>();
        for (LedgerRecord r : relayLedgers) {
            if (!r.relay().upstream().isEmpty()) {
                relayed.computeIfAbsent(r.relay().upstream(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            List<Hop> hops = hops(relayed.getOrDefault(e.node(), List.of()));
            out.add(new Entry(e.node(), e.service(), e.host(), e.pid(), e.destination(), e.pipelines(), e.sent(),
                    e.stored(), e.missing(), e.inFlight(), e.failed(), e.dropped(), e.state(), e.lastLedgerMicros(),
                    hops, e.missing() == 0 ? "" : gapAt(e.sent(), hops)));
        }
        return out;
    }

    /**
     * Every relay run with a ledger made at or after {@code sinceMicros}, its counts summed over its
     * upstream producers; states as in {@link #run}.
     */
    public static List<RelayEntry> relays(LogStore store, long sinceMicros, long nowMicros, long silentAfterMicros) {
        return relays(store.relayLedgers(sinceMicros), nowMicros, silentAfterMicros);
    }

    /** {@link #relays(LogStore, long, long, long)} over relay ledgers read elsewhere (a JSON Lines file, say). */
    public static List<RelayEntry> relays(List<LedgerRecord> relayLedgers, long nowMicros, long silentAfterMicros) {
        Map<String, List<LedgerRecord>> runs = new TreeMap<>();
        for (LedgerRecord r : relayLedgers) {
            runs.computeIfAbsent(r.relay().role() + '\u0000' + r.node() + '\u0000' + r.startMicros() + '\u0000'
                    + r.pipeline(), k -> new ArrayList<>()).add(r);
        }
        List<RelayEntry> out = new ArrayList<>();
        for (List<LedgerRecord> run : runs.values()) {
            LedgerRecord first = run.get(0);
            long[] c = new long[6];
            long lastAt = 0;
            boolean closed = false;
            int upstreams = 0;
            for (LedgerRecord r : run) {
                Ledger.Relay x = r.relay();
                c[0] += x.received();
                c[1] += x.written();
                c[2] += x.duplicates();
                c[3] += x.failed();
                c[4] += x.deadLettered();
                c[5] += x.rejected();
                upstreams += x.upstream().isEmpty() ? 0 : 1;
                lastAt = Math.max(lastAt, r.atMicros());
                closed |= r.last();
            }
            State state = closed ? State.CLOSED : nowMicros - lastAt > silentAfterMicros ? State.SILENT : State.RUNNING;
            out.add(new RelayEntry(first.node(), first.startMicros(), first.relay().role(), first.pipeline(),
                    first.service(), first.host(), first.pid(), upstreams, c[0], c[1], c[2], c[3], c[4], c[5], state,
                    lastAt));
        }
        return out;
    }

    /** The relays' counts of one producer, summed per role, upstream roles first. */
    private static List<Hop> hops(List<LedgerRecord> rows) {
        Map<String, long[]> byRole = new TreeMap<>(Comparator.comparingInt(Audit::roleOrder)
                .thenComparing(Comparator.naturalOrder()));
        for (LedgerRecord r : rows) {
            Ledger.Relay x = r.relay();
            long[] c = byRole.computeIfAbsent(x.role(), k -> new long[5]);
            c[0]++;
            c[1] += x.received();
            c[2] += x.written();
            c[3] += x.duplicates();
            c[4] += x.failed();
        }
        List<Hop> hops = new ArrayList<>();
        byRole.forEach((role, c) -> hops.add(new Hop(role, (int) c[0], c[1], c[2], c[3], c[4])));
        return hops;
    }

    private static int roleOrder(String role) {
        return "collector".equals(role) ? 0 : "consumer".equals(role) ? 1 : 2;
    }

    /**
     * The first hop whose count falls short of what the producer sent: a relay that received less lost
     * nothing itself, the gap is before it; one that received all and wrote less lost it inside; when every
     * relay wrote all, it was lost after the last one (between it and the store, or in the store).
     */
    static String gapAt(long sent, List<Hop> hops) {
        if (hops.isEmpty()) {
            return UNPLACED;
        }
        for (Hop h : hops) {
            if (h.received() < sent) {
                return "before " + h.role();
            }
            if (h.written() < sent) {
                return "in " + h.role();
            }
        }
        return "after " + hops.get(hops.size() - 1).role();
    }

    private static Entry entry(StoredEvents store, List<LedgerRecord> group, long nowMicros, long silentAfterMicros) {
        group.sort(Comparator.comparingLong(LedgerRecord::startMicros));
        LedgerRecord latest = group.get(group.size() - 1);
        long sent = 0;
        long failed = 0;
        long lastAt = 0;
        String bound = "";
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (LedgerRecord l : group) {
            sent += l.sent();
            failed += l.failed();
            lastAt = Math.max(lastAt, l.atMicros());
            if (l.lastCounter().compareTo(bound) > 0) {
                bound = l.lastCounter();
            }
            l.dropped().forEach((reason, n) -> dropped.merge(reason, n, Long::sum));
        }
        StoredCount stored = store.count(latest.node(), bound);
        State state = latest.last() ? State.CLOSED
                : nowMicros - lastAt > silentAfterMicros ? State.SILENT : State.RUNNING;
        return new Entry(latest.node(), latest.service(), latest.host(), latest.pid(), latest.destination(),
                group.size(), sent, stored.total(), Math.max(0, sent - stored.covered()),
                stored.total() - stored.covered(), failed, dropped, state, lastAt);
    }

    /** Whether any instance has events missing beyond those in flight. */
    public static boolean anyMissing(List<Entry> entries) {
        return entries.stream().anyMatch(e -> e.missing() > 0);
    }
}
