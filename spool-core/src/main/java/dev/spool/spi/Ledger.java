package dev.spool.spi;

import java.util.Map;

/**
 * One producer pipeline's account of what it handed to one destination, carried by an event of kind
 * {@link EventKind#LEDGER} (docs/audit.md). Every count is cumulative since the pipeline started, so a
 * later ledger replaces an earlier one and a ledger delivered twice changes nothing.
 *
 * @param node         the 8 characters of the event id that name the producing process (the 40 node bits
 *                     of {@link dev.spool.EventId}, as they appear in the id's text, characters 11 to 18)
 * @param startMicros  when the pipeline started (a process that reconfigures runs several in turn)
 * @param pipeline     the pipeline's name
 * @param destination  the destination this ledger accounts for
 * @param atMicros     when the ledger was made
 * @param sent         events of this pipeline's own the destination took
 * @param failed       events of this pipeline's own the destination refused (its write threw)
 * @param dropped      events the pipeline accepted but never wrote, by {@link dev.spool.DropReason} label;
 *                     pipeline-wide (a drop happens before an event reaches any destination)
 * @param lastCounter  the counter part (id characters 19 to 26) of the last id this pipeline gave before
 *                     the ledger, empty if none: every event it made with a counter up to this one is
 *                     counted above, every later one is not
 * @param last         whether this is the final ledger, written at shutdown
 * @param relay        null for a producer's ledger; for a relay's (a collector's or a consumer's), what it
 *                     received from one upstream producer and passed on; then {@code node} and
 *                     {@code startMicros} name the relay process, and {@code sent}, {@code failed},
 *                     {@code dropped} and {@code lastCounter} are zero and empty
 */
public record Ledger(String node, long startMicros, String pipeline, String destination, long atMicros,
                     long sent, long failed, Map<String, Long> dropped, String lastCounter, boolean last,
                     Relay relay) {

    public Ledger {
        dropped = Map.copyOf(dropped);
    }

    /** A producer's ledger (no {@link #relay()}). */
    public Ledger(String node, long startMicros, String pipeline, String destination, long atMicros,
                  long sent, long failed, Map<String, Long> dropped, String lastCounter, boolean last) {
        this(node, startMicros, pipeline, destination, atMicros, sent, failed, dropped, lastCounter, last, null);
    }

    /**
     * A relay's account of the events of one upstream producer process (docs/audit.md), cumulative since
     * the relay started. Events a relay counts are log and metric events, never the ledgers it passes on.
     *
     * @param role         what the relay is: {@code collector} or {@code consumer}
     * @param upstream     the node (8 id characters) of the producer the counts are about, or empty for the
     *                     counts the relay cannot attribute to one producer (a malformed line has no id it
     *                     can trust; a store reports duplicates for a whole batch)
     * @param received     events of that producer the relay read (including ones it removes as duplicates)
     * @param written      events of that producer that reached the relay's destination (its store): only
     *                     those; an event a store already held counts, it is there
     * @param duplicates   events removed because the relay had seen their id already
     * @param failed       events the relay took but could not write (dropped or refused on its way out)
     * @param deadLettered events (or messages) the relay sent to a dead-letter queue
     * @param rejected     lines or messages refused as malformed, too large or otherwise not events
     */
    public record Relay(String role, String upstream, long received, long written, long duplicates, long failed,
                        long deadLettered, long rejected) {
    }

    /** Sum of {@link #dropped()}. */
    public long droppedTotal() {
        long n = 0;
        for (long v : dropped.values()) {
            n += v;
        }
        return n;
    }
}
