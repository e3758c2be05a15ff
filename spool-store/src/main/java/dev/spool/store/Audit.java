package dev.spool.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares what producers say they sent (their latest ledgers) with what a store holds (docs/audit.md).
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
     */
    public record Entry(String node, String service, String host, long pid, String destination, int pipelines,
                        long sent, long stored, long missing, long inFlight, long failed, Map<String, Long> dropped,
                        State state, long lastLedgerMicros) {
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
        return run(store.ledgers(sinceMicros), store::storedEvents, nowMicros, silentAfterMicros);
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
