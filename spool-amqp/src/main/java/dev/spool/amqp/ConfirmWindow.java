package dev.spool.amqp;

import java.util.ArrayDeque;

/**
 * The messages published on the current channel and not yet confirmed, in publish order. Confirms
 * release the longest confirmed prefix: the spool may only be committed up to a position before which
 * everything is confirmed. A nack or a return poisons the window: nothing more is released from it,
 * and the publisher starts a new channel and sends everything after the committed position again.
 *
 * <p>Thread-safe: filled by the publisher thread, confirmed by the client's connection thread.
 */
final class ConfirmWindow {

    private static final class Entry {
        final long seq;
        final long end;
        final int events;
        boolean acked;

        Entry(long seq, long end, int events) {
            this.seq = seq;
            this.end = end;
            this.events = events;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private String failure;
    private long releasedEnd = -1;
    private long releasedEvents;

    synchronized void add(long seq, long end, int events) {
        entries.addLast(new Entry(seq, end, events));
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void ack(long seq, boolean multiple) {
        for (Entry e : entries) {
            if (e.seq == seq || (multiple && e.seq < seq)) {
                e.acked = true;
            }
        }
        while (failure == null && !entries.isEmpty() && entries.peekFirst().acked) {
            Entry e = entries.pollFirst();
            releasedEnd = e.end;
            releasedEvents += e.events;
        }
    }

    synchronized void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** The reason this channel must be abandoned, or null. */
    synchronized String failure() {
        return failure;
    }

    /**
     * Takes what confirms released since the last call.
     *
     * @return {end position, events}, or null if nothing was released
     */
    synchronized long[] takeReleased() {
        if (releasedEnd < 0) {
            return null;
        }
        long[] r = {releasedEnd, releasedEvents};
        releasedEnd = -1;
        releasedEvents = 0;
        return r;
    }

    /** Forgets everything: a new channel numbers its messages from 1 again. */
    synchronized void reset() {
        entries.clear();
        failure = null;
        releasedEnd = -1;
        releasedEvents = 0;
    }
}
