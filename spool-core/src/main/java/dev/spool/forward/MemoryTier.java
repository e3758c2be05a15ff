package dev.spool.forward;

import dev.spool.spi.ByteBuilder;

/**
 * The newest batches of lines, kept in memory until the collector acknowledges them or they go to the
 * spill queue, oldest first, in one buffer; the batch being filled sits at its end. Each sealed batch has
 * an id, one more than the one before it. Used by the writer thread.
 */
final class MemoryTier {

    private static final int COMPACT_BYTES = 1 << 20;

    private final ByteBuilder bytes = new ByteBuilder(64 * 1024);
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int[] lines = new int[256];
    private long[] sealedAt = new long[256];
    private int first;
    private int count;
    private long firstId;
    private int head;
    private int openStart;
    private int openLines;
    private long heldLines;

    /** Adds a line (ending with a line feed) to the open batch. */
    void append(ByteBuilder line) {
        bytes.append(line);
        openLines++;
        heldLines++;
    }

    /** Lines held, sealed and open. */
    long heldLines() {
        return heldLines;
    }

    int openBytes() {
        return bytes.length() - openStart;
    }

    int openLines() {
        return openLines;
    }

    /** Makes the open batch the newest sealed one, if it has lines. */
    void seal(long nowNanos) {
        if (openLines == 0) {
            return;
        }
        if (count == starts.length) {
            grow();
        }
        int i = (first + count) % starts.length;
        starts[i] = openStart;
        lengths[i] = bytes.length() - openStart;
        lines[i] = openLines;
        sealedAt[i] = nowNanos;
        count++;
        openStart = bytes.length();
        openLines = 0;
    }

    /** Sealed batches held. */
    int size() {
        return count;
    }

    /** Bytes held, sealed and open. */
    long bytes() {
        return bytes.length() - head;
    }

    /** Id of the {@code n}th oldest sealed batch. */
    long id(int n) {
        return firstId + n;
    }

    int start(int n) {
        return starts[(first + n) % starts.length];
    }

    int length(int n) {
        return lengths[(first + n) % starts.length];
    }

    int lines(int n) {
        return lines[(first + n) % starts.length];
    }

    long sealedAt(int n) {
        return sealedAt[(first + n) % starts.length];
    }

    /** The buffer the batches' {@link #start starts} point into; valid until the next change. */
    byte[] array() {
        return bytes.array();
    }

    /** Forgets the oldest sealed batch: acknowledged, or now in the spill queue. */
    void removeOldest() {
        head += lengths[first];
        heldLines -= lines[first];
        first = (first + 1) % starts.length;
        count--;
        firstId++;
        if (count == 0 && openLines == 0) {
            bytes.clear();
            head = 0;
            openStart = 0;
        } else if (head > COMPACT_BYTES && head > bytes.length() / 2) {
            compact();
        }
    }

    private void compact() {
        bytes.discardFront(head);
        for (int n = 0; n < count; n++) {
            starts[(first + n) % starts.length] -= head;
        }
        openStart -= head;
        head = 0;
    }

    private void grow() {
        int size = starts.length * 2;
        int[] s = new int[size];
        int[] l = new int[size];
        int[] k = new int[size];
        long[] t = new long[size];
        for (int n = 0; n < count; n++) {
            int from = (first + n) % starts.length;
            s[n] = starts[from];
            l[n] = lengths[from];
            k[n] = lines[from];
            t[n] = sealedAt[from];
        }
        starts = s;
        lengths = l;
        lines = k;
        sealedAt = t;
        first = 0;
    }
}
