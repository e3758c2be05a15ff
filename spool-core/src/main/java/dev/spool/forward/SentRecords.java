package dev.spool.forward;

import java.io.IOException;

/**
 * The batches sent on the current connection and not yet wholly acknowledged, oldest first. A batch is a
 * spill-queue record (key: its start position, with its end) or a batch still in memory (key: a negative
 * number made from its id, no end). The collector acknowledges a cumulative count of lines per
 * connection; this maps it back to batches, hands each wholly acknowledged one to {@link Release}, and
 * remembers how many lines of the oldest one were acknowledged, so a resend after a reconnect starts
 * after them. Used by the writer thread.
 */
final class SentRecords {

    /** What to do with a batch whose lines are all acknowledged, oldest first. */
    interface Release {
        void acknowledged(long key, long end, int lines) throws IOException;
    }

    private long[] keys = new long[64];
    private long[] ends = new long[64];
    private long[] linesThrough = new long[64];
    private int[] lines = new int[64];
    private int[] skipped = new int[64];
    private int head;
    private int size;
    private long linesSent;
    private long linesAcked;

    /** The key of the memory batch with id {@code id}: negative, so it never equals a queue position. */
    static long memoryKey(long id) {
        return -1 - id;
    }

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

    /** Notes a batch sent whole on this connection, less its first {@code skippedLines}. */
    void sent(long key, long end, int batchLines, int skippedLines) {
        if (size == keys.length) {
            grow();
        }
        int i = (head + size) % keys.length;
        linesSent += batchLines - skippedLines;
        keys[i] = key;
        ends[i] = end;
        linesThrough[i] = linesSent;
        lines[i] = batchLines;
        skipped[i] = skippedLines;
        size++;
    }

    /** A sent memory batch went to the spill queue: from now on it is that record. */
    void moved(long oldKey, long newKey, long end) {
        for (int n = 0; n < size; n++) {
            int i = (head + n) % keys.length;
            if (keys[i] == oldKey) {
                keys[i] = newKey;
                ends[i] = end;
                return;
            }
        }
    }

    /** Releases every batch whose lines are all within the collector's cumulative {@code acked} count. */
    void acknowledge(long acked, Release release) throws IOException {
        linesAcked = Math.max(linesAcked, acked);
        while (size > 0 && linesThrough[head] <= linesAcked) {
            long key = keys[head];
            long end = ends[head];
            int batchLines = lines[head];
            head = (head + 1) % keys.length;
            size--;
            release.acknowledged(key, end, batchLines);
        }
    }

    /** Key of the oldest batch not wholly acknowledged; only when not {@link #isEmpty()}. */
    long oldestKey() {
        return keys[head];
    }

    /** Lines of the oldest batch known to be acknowledged, on this connection or an earlier one. */
    int oldestAckedLines() {
        long before = linesThrough[head] - (lines[head] - skipped[head]);
        return skipped[head] + (int) Math.max(0, linesAcked - before);
    }

    private void grow() {
        int n = keys.length * 2;
        long[] k = new long[n];
        long[] e = new long[n];
        long[] t = new long[n];
        int[] l = new int[n];
        int[] s = new int[n];
        for (int j = 0; j < size; j++) {
            int from = (head + j) % keys.length;
            k[j] = keys[from];
            e[j] = ends[from];
            t[j] = linesThrough[from];
            l[j] = lines[from];
            s[j] = skipped[from];
        }
        keys = k;
        ends = e;
        linesThrough = t;
        lines = l;
        skipped = s;
        head = 0;
    }
}
