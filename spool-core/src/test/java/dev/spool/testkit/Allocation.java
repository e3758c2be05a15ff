package dev.spool.testkit;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes the calling thread allocates while running a piece of code that should allocate nothing once
 * warm. On a busy 2-core machine the JIT may not have finished compiling the path by the end of a fixed
 * warm-up, and interpreted or C1 code allocates what C2's escape analysis removes; so it measures rounds
 * until one comes in under the budget, up to a bound. Code that allocates on every call allocates in every
 * round and still fails.
 */
public final class Allocation {

    private static final int MAX_ROUNDS = 10;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /** True when this JVM can count the bytes a thread allocates. */
    public static boolean measurable() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /**
     * Runs {@code round} once or more, measuring each run, until one allocates less than {@code budgetBytes}
     * or {@value #MAX_ROUNDS} have run; returns the bytes of every run, the deciding one last.
     */
    public static List<Long> rounds(long budgetBytes, Runnable round) {
        List<Long> bytes = new ArrayList<>();
        do {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            round.run();
            bytes.add(THREADS.getCurrentThreadAllocatedBytes() - before);
        } while (last(bytes) >= budgetBytes && bytes.size() < MAX_ROUNDS);
        return bytes;
    }

    /** The deciding (last) round of {@link #rounds}. */
    public static long last(List<Long> rounds) {
        return rounds.get(rounds.size() - 1);
    }
}
