package dev.spool.otlp;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The requests posted and not yet settled, in spool order. Answers arrive in any order (each request has
 * its own connection); the spool is committed only past the longest prefix answered for good, so its
 * committed position never passes a batch that was not acknowledged or refused.
 *
 * <p>Thread-safety: the sender thread adds, inspects and removes entries; an HTTP client thread sets each
 * entry's {@link Entry#answer} once (a volatile write, read by the sender thread after it is woken).
 */
final class RequestWindow {

    /** How one attempt of a request ended. */
    record Answer(int status, byte[] body, long retryAfterNanos, IOException error) {

        static Answer failed(IOException error) {
            return new Answer(-1, new byte[0], -1, error);
        }

        /** Answered for good: delivered (perhaps in part) or refused; the batch is settled. */
        boolean settled() {
            return error == null && !Response.retryable(status);
        }

        /** The endpoint may have stored the batch: sending it again may duplicate its events. */
        boolean mayHaveStored() {
            return error != null || Response.delivered(status);
        }
    }

    /** One request: the batch's end position and events, and its answer once it came. */
    static final class Entry {
        final long end;
        final int events;
        volatile Answer answer;

        Entry(long end, int events) {
            this.end = end;
            this.events = events;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    Entry add(long end, int events) {
        Entry e = new Entry(end, events);
        entries.addLast(e);
        return e;
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The oldest request if it is settled (answered for good), else null. */
    Entry settledHead() {
        Entry head = entries.peekFirst();
        if (head == null) {
            return null;
        }
        Answer a = head.answer;
        return a != null && a.settled() ? head : null;
    }

    Entry removeHead() {
        return entries.pollFirst();
    }

    /** The oldest request answered with a retryable failure, or null. */
    Entry firstRetryable() {
        for (Entry e : entries) {
            Answer a = e.answer;
            if (a != null && !a.settled()) {
                return e;
            }
        }
        return null;
    }

    /** Whether every request has its answer (none is still on the wire). */
    boolean allAnswered() {
        for (Entry e : entries) {
            if (e.answer == null) {
                return false;
            }
        }
        return true;
    }

    Iterable<Entry> entries() {
        return entries;
    }

    void clear() {
        entries.clear();
    }
}
