package dev.spool.collector;

/**
 * The event ids seen most recently, for de-duplication: at least {@code size} and at most twice that
 * many. Two generations of open-addressing tables of 128-bit ids: when the current one holds
 * {@code size} ids, the older one is emptied and becomes the current one. Memory is fixed at creation
 * (64 bytes per id of {@code size}), nothing is allocated per id. Each generation also keeps the range
 * of the high halves it holds: a new id's high half (its time) is usually above every id of the older
 * generation, and then only the current table is probed. Not thread-safe.
 */
final class DedupWindow {

    private static final int GROUP_BITS = 3;
    private static final int GROUP = 1 << GROUP_BITS;

    private final int size;
    private final int mask;
    private long[] current;
    private long[] previous;
    private int currentCount;
    /** Smallest and largest high half in each table (MAX_VALUE and MIN_VALUE while it is empty). */
    private long currentMinHigh = Long.MAX_VALUE;
    private long currentMaxHigh = Long.MIN_VALUE;
    private long previousMinHigh = Long.MAX_VALUE;
    private long previousMaxHigh = Long.MIN_VALUE;

    DedupWindow(int size) {
        this.size = size;
        int slots = Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1; // load factor at most 1/2
        this.mask = slots - 1;
        this.current = new long[slots * 2];
        this.previous = new long[slots * 2];
    }

    /** Records the id; returns false if it was already in the window. The id (0, 0) is never recorded. */
    boolean add(long high, long low) {
        if (high == 0 && low == 0) {
            return true; // the empty-slot marker; no real id is zero (its high bits hold the time)
        }
        if (high >= previousMinHigh && high <= previousMaxHigh && find(previous, high, low) >= 0) {
            return false;
        }
        int slot = find(current, high, low);
        if (slot >= 0) {
            return false;
        }
        if (currentCount >= size) {
            long[] emptied = previous;
            java.util.Arrays.fill(emptied, 0L);
            previous = current;
            current = emptied;
            currentCount = 0;
            previousMinHigh = currentMinHigh;
            previousMaxHigh = currentMaxHigh;
            currentMinHigh = Long.MAX_VALUE;
            currentMaxHigh = Long.MIN_VALUE;
            slot = find(current, high, low);
        }
        currentMinHigh = Math.min(currentMinHigh, high);
        currentMaxHigh = Math.max(currentMaxHigh, high);
        int at = -slot - 1;
        current[at * 2] = high;
        current[at * 2 + 1] = low;
        currentCount++;
        return true;
    }

    /**
     * The slot holding the id, or {@code -(free slot) - 1}. The hash leaves out the id's lowest 3 bits and
     * those pick the slot within a group of 8 adjacent slots: a sender's ids count up in their low bits,
     * so 8 consecutive ids share 128 bytes of the table instead of costing a cache miss each, and at most 8
     * distinct ids share a group's start, whatever ids a client sends.
     */
    private int find(long[] table, long high, long low) {
        long h = (high * 0x9E3779B97F4A7C15L) ^ ((low >>> GROUP_BITS) * 0xC2B2AE3D27D4EB4FL);
        int slot = ((int) (h ^ (h >>> 32)) << GROUP_BITS | (int) (low & (GROUP - 1))) & mask;
        while (true) {
            long th = table[slot * 2];
            long tl = table[slot * 2 + 1];
            if (th == 0 && tl == 0) {
                return -slot - 1;
            }
            if (th == high && tl == low) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }
}
