package dev.spool.format;

import dev.spool.spi.ByteBuilder;

import java.util.Arrays;

/**
 * Encoded JSON that repeats from event to event (the logger's name, the thread's members, the resource's
 * members), kept as bytes under the identity of what was encoded, so a writer copies them instead of
 * escaping the same strings again for every event.
 *
 * <p>Direct-mapped: a key's slot is picked by its identity hash and its number. An entry is immutable and
 * replaced whole, so a format shared between threads reads an old entry or a new one, never a mix (as
 * {@link DateToken}'s cache). An entry is made when a slot is empty, or once its entry has missed
 * {@link #REPLACE_AFTER_MISSES} times without a hit in between: keys that share a slot and keep
 * alternating leave it as it is and are encoded each time, so a steady stream of any mix of keys
 * allocates nothing once warm. Keys are compared by identity, so they must be immutable (strings,
 * records of strings); equal keys that are different objects only miss.
 */
final class MemberCache {

    /** Misses in a row after which a slot's entry gives way to the key that missed. */
    static final int REPLACE_AFTER_MISSES = 64;
    /** Longer encodings are not kept: copying them saves little and they would hold memory. */
    static final int MAX_BYTES = 512;

    private record Entry(Object key, long number, byte[] bytes) {
    }

    private final Entry[] entries;
    private final int[] misses; // racy counts when shared: they only decide when to replace an entry
    private final int mask;

    /** @param slots a power of two */
    MemberCache(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, was " + slots);
        }
        entries = new Entry[slots];
        misses = new int[slots];
        mask = slots - 1;
    }

    /**
     * Appends what {@link #remember} kept for {@code key} and {@code number} and returns true, or returns
     * false when nothing is kept: the caller then encodes and calls {@link #remember}.
     */
    boolean append(Object key, long number, ByteBuilder out) {
        int slot = slot(key, number);
        Entry e = entries[slot];
        if (e == null || e.key != key || e.number != number) {
            return false;
        }
        if (misses[slot] != 0) {
            misses[slot] = 0;
        }
        out.append(e.bytes);
        return true;
    }

    /** After a miss: the bytes of {@code out} from {@code from} are the encoding of {@code key} and {@code number}. */
    void remember(Object key, long number, ByteBuilder out, int from) {
        int length = out.length() - from;
        if (length > MAX_BYTES) {
            return;
        }
        int slot = slot(key, number);
        if (entries[slot] == null || ++misses[slot] >= REPLACE_AFTER_MISSES) {
            entries[slot] = new Entry(key, number, Arrays.copyOfRange(out.array(), from, out.length()));
            misses[slot] = 0;
        }
    }

    private int slot(Object key, long number) {
        int h = System.identityHashCode(key) ^ (int) number ^ (int) (number >>> 32);
        return (h ^ (h >>> 16)) & mask;
    }
}
