package dev.spool.consumer;

import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.RelayTally;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages a worker commits together: the valid ones, whose events go to the store in one write, and
 * the invalid ones, dead-lettered before the batch is acknowledged. All came on one channel; the batch is
 * acknowledged with one {@code basicAck(lastTag, multiple)} after the commit. Not thread-safe.
 */
final class Batch {

    /** A valid message and its events. */
    record Message(Delivery delivery, MessageDecoder.Decoded decoded) {
    }

    /** An invalid message and why. */
    record Rejected(Delivery delivery, DeadReason reason, String detail) {
    }

    final List<Message> messages = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    /** The relay ledger's counts of this batch (received per producer; written once committed). */
    final RelayTally tally = new RelayTally();
    private int events;
    private long lastTag = -1;

    void add(Delivery d, MessageDecoder.Decoded decoded) {
        messages.add(new Message(d, decoded));
        events += decoded.events().size();
        for (LogEvent e : decoded.events()) {
            if (e.kind() != EventKind.LEDGER) { // a ledger passed on is not an event of its producer's
                tally.add(e.idHigh(), e.idLow(), RelayTally.Count.RECEIVED);
            }
        }
        lastTag = Math.max(lastTag, d.tag());
    }

    void reject(Delivery d, InvalidMessage why) {
        rejected.add(new Rejected(d, why.reason(), why.getMessage()));
        lastTag = Math.max(lastTag, d.tag());
    }

    boolean isEmpty() {
        return lastTag < 0;
    }

    int deliveries() {
        return messages.size() + rejected.size();
    }

    int eventCount() {
        return events;
    }

    long lastTag() {
        return lastTag;
    }

    /** The events of {@code messages}, in order, as one list for one write. */
    static List<LogEvent> events(List<Message> messages) {
        if (messages.size() == 1) {
            return messages.get(0).decoded().events();
        }
        List<LogEvent> all = new ArrayList<>();
        for (Message m : messages) {
            all.addAll(m.decoded().events());
        }
        return all;
    }
}
