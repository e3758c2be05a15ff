package dev.spool.internal.pipeline;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Thread names as small numbers, so that a slot records which thread logged with an {@code int} instead of a
 * reference. A slot lives as long as its pipeline, in the old generation: storing a reference into it that
 * differs from the one it held dirties a card that G1's refinement threads then scan, and with several
 * producers the thread name is the reference that changes from one event in a slot to the next
 * (docs/decisions/slot-stores.md).
 *
 * <p>Equal names share a number, and numbers are never reused: an event still queued under a number always
 * reads back the name it was logged with. There are at most {@link #CAPACITY} numbers; past them
 * {@link #indexOf} answers {@code -1} and the caller keeps the name itself, as it would for an event made
 * elsewhere. The names kept are the distinct thread names the process has logged from, up to that bound.
 */
final class ThreadNames {

    /** How many distinct names get a number in the process's table. */
    static final int CAPACITY = 4096;

    /** The process's table, which every pipeline shares. */
    static final ThreadNames PROCESS = new ThreadNames(CAPACITY);

    private final String[] names;
    private final ConcurrentHashMap<String, Integer> numbers = new ConcurrentHashMap<>();
    private int next;

    ThreadNames(int capacity) {
        names = new String[capacity];
    }

    /**
     * The number of {@code name}, given on first use, or {@code -1} when all numbers are taken.
     *
     * <p>The name is written to its entry before the number is published in the map, and a producer
     * publishes its slot (a volatile write) after it has the number, so the writer that reads the slot
     * reads the entry too.
     */
    int indexOf(String name) {
        Integer known = numbers.get(name);
        if (known != null) {
            return known;
        }
        synchronized (names) {
            known = numbers.get(name);
            if (known != null) {
                return known;
            }
            if (next == names.length) {
                return -1;
            }
            int number = next++;
            names[number] = name;
            numbers.put(name, number);
            return number;
        }
    }

    /** The name with {@code number}, which {@link #indexOf} returned. */
    String name(int number) {
        return names[number];
    }
}
