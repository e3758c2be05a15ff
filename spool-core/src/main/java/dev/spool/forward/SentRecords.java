package dev.spool.forward;

import dev.spool.spi.durable.DurableQueue;

import java.io.IOException;

/**
 * The queue records sent on the current connection and not yet wholly acknowledged, oldest first. The
 * collector acknowledges a cumulative count of lines per connection; this maps that count back to queue
 * positions, commits each record once all its lines are acknowledged, and remembers how many lines of
 * the oldest one were, so a resend after a reconnect starts after them. Used by the writer thread.
 */
final class SentRecords {

    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private long[] linesThrough = new long[64];
    private int[] events = new int[64];
    private int[] skipped = new int[64];
    private int head;
    private int size;
    private long linesSent;
    private long linesAcked;

    /** Forgets everything: a new connection counts its lines from zero. */
    void reset() {
        head = 0;
        size = 0;
        linesSent = 0;
        linesAcked = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Notes a record sent whole on this connection, less its first {@code skippedLines} (acknowledged on an
     * earlier one).
     */
    void sent(long start, long end, int recordEvents, int skippedLines) {
        if (size == starts.length) {
            grow();
        }
        int i = (head + size) % starts.length;
        linesSent += recordEvents - skippedLines;
        starts[i] = start;
        ends[i] = end;
        linesThrough[i] = linesSent;
        events[i] = recordEvents;
        skipped[i] = skippedLines;
        size++;
    }

    /** Commits every record whose lines are all within the collector's cumulative {@code acked} count. */
    void acknowledge(long acked, DurableQueue queue) throws IOException {
        linesAcked = Math.max(linesAcked, acked);
        while (size > 0 && linesThrough[head] <= linesAcked) {
            queue.commit(ends[head], events[head]);
            head = (head + 1) % starts.length;
            size--;
        }
    }

    /** Start position of the oldest record not wholly acknowledged; only when not {@link #isEmpty()}. */
    long oldestStart() {
        return starts[head];
    }

    /** Lines of the oldest record known to be acknowledged, on this connection or an earlier one. */
    int oldestAckedLines() {
        long before = linesThrough[head] - (events[head] - skipped[head]);
        return skipped[head] + (int) Math.max(0, linesAcked - before);
    }

    private void grow() {
        int n = starts.length * 2;
        long[] s = new long[n];
        long[] e = new long[n];
        long[] t = new long[n];
        int[] v = new int[n];
        int[] k = new int[n];
        for (int j = 0; j < size; j++) {
            int from = (head + j) % starts.length;
            s[j] = starts[from];
            e[j] = ends[from];
            t[j] = linesThrough[from];
            v[j] = events[from];
            k[j] = skipped[from];
        }
        starts = s;
        ends = e;
        linesThrough = t;
        events = v;
        skipped = k;
        head = 0;
    }
}
