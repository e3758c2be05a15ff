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
 */
public record Ledger(String node, long startMicros, String pipeline, String destination, long atMicros,
                     long sent, long failed, Map<String, Long> dropped, String lastCounter, boolean last) {

    public Ledger {
        dropped = Map.copyOf(dropped);
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
