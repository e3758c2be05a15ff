package dev.spool.internal.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A volatile long on a cache line of its own, so the producers' claim counter and the writer's consumed
 * counter do not slow each other down by sharing a line (false sharing). The padding is inherited
 * fields on both sides of the value because the JVM lays out superclass fields first.
 *
 * <p>Orderings used: {@link #get()} is a volatile read (acquire); {@link #set(long)} a volatile write
 * (the writer publishes freed space, producers must see it); {@link #compareAndSet} is the producers'
 * claim and is a full fence.
 */
final class Sequence extends SequenceValue {
    @SuppressWarnings("unused")
    private long p9, p10, p11, p12, p13, p14, p15;

    Sequence(long initial) {
        value = initial;
    }

    long get() {
        return value;
    }

    void set(long newValue) {
        value = newValue;
    }

    boolean compareAndSet(long expected, long newValue) {
        return VALUE.compareAndSet(this, expected, newValue);
    }
}

abstract class SequencePadding {
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
}

abstract class SequenceValue extends SequencePadding {
    static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SequenceValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    volatile long value;
}
