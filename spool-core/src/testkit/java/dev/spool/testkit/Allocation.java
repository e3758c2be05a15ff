package dev.spool.testkit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes the calling thread allocates while running a piece of code that should allocate nothing once
 * warm. On a busy 2-core machine the JIT may not have finished compiling the path by the end of a fixed
 * warm-up, and interpreted or C1 code allocates what C2's escape analysis removes; so it measures rounds
 * until one comes in under the budget, up to a bound. Code that allocates on every call allocates in every
 * round and still fails.
 *
 * <p>The counter is HotSpot's {@code com.sun.management.ThreadMXBean}, reached through method handles so
 * that code compiled into a named module (the tests of a module with a {@code module-info}) need not read
 * {@code jdk.management}; a handle call neither boxes nor allocates.
 */
public final class Allocation {

    private static final int MAX_ROUNDS = 10;
    private static final Object THREADS = ManagementFactory.getThreadMXBean();
    private static final MethodHandle SUPPORTED = handle("isThreadAllocatedMemorySupported", MethodType.methodType(boolean.class));
    private static final MethodHandle ENABLED = handle("isThreadAllocatedMemoryEnabled", MethodType.methodType(boolean.class));
    private static final MethodHandle ENABLE = handle("setThreadAllocatedMemoryEnabled", MethodType.methodType(void.class, boolean.class));
    private static final MethodHandle OF_THREAD = handle("getThreadAllocatedBytes", MethodType.methodType(long.class, long.class));

    private Allocation() {
    }

    private static MethodHandle handle(String name, MethodType type) {
        try {
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            MethodHandle h = MethodHandles.publicLookup().findVirtual(bean, name, type);
            return h.asType(h.type().changeParameterType(0, Object.class));
        } catch (ReflectiveOperationException e) {
            return null; // not HotSpot: measurable() says false
        }
    }

    /** True when this JVM can count the bytes a thread allocates (after {@link #enable()}). */
    public static boolean measurable() {
        try {
            return SUPPORTED != null && (boolean) SUPPORTED.invokeExact(THREADS) && (boolean) ENABLED.invokeExact(THREADS);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Turns the counter on if this JVM has one; returns {@link #measurable()}. */
    public static boolean enable() {
        try {
            if (SUPPORTED != null && (boolean) SUPPORTED.invokeExact(THREADS)) {
                ENABLE.invokeExact(THREADS, true);
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return measurable();
    }

    /** Bytes thread {@code threadId} has allocated since it started (-1 if it is not alive). */
    public static long allocatedBytes(long threadId) {
        try {
            return (long) OF_THREAD.invokeExact(THREADS, threadId);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes the calling thread has allocated since it started. */
    public static long allocatedBytes() {
        return allocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Runs {@code round} once or more, measuring each run, until one allocates less than {@code budgetBytes}
     * or {@value #MAX_ROUNDS} have run; returns the bytes of every run, the deciding one last.
     */
    public static List<Long> rounds(long budgetBytes, Runnable round) {
        List<Long> bytes = new ArrayList<>();
        do {
            long before = allocatedBytes();
            round.run();
            bytes.add(allocatedBytes() - before);
        } while (last(bytes) >= budgetBytes && bytes.size() < MAX_ROUNDS);
        return bytes;
    }

    /** The deciding (last) round of {@link #rounds}. */
    public static long last(List<Long> rounds) {
        return rounds.get(rounds.size() - 1);
    }
}
