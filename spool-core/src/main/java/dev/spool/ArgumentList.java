package dev.spool;

import dev.spool.internal.pipeline.SmallValues;
import dev.spool.spi.Arguments;

import java.util.Arrays;

/**
 * The message arguments an {@link EventBuilder} collects, numbers kept unboxed: a kind and 64 bits per
 * argument beside the references. Grows as needed and is reused, so a reused instance allocates nothing.
 */
final class ArgumentList implements Arguments {

    private byte[] kinds;
    private long[] bits;
    private Object[] objects;
    private int size;

    ArgumentList(int capacity) {
        kinds = new byte[capacity];
        bits = new long[capacity];
        objects = new Object[capacity];
    }

    void add(Object value) {
        int index = next(OBJECT, 0); // first: it may grow the array
        if (objects[index] != value) { // the same literal or cached value as last time: no card dirtied
            objects[index] = value;
        }
    }

    void add(long value) {
        next(LONG, value);
    }

    void add(double value) {
        next(DOUBLE, Double.doubleToRawLongBits(value));
    }

    void add(float value) {
        next(FLOAT, Double.doubleToRawLongBits(value));
    }

    void add(char value) {
        next(CHAR, value);
    }

    /** Adds {@code args} when not null, else the first {@code argc} of {@code a0} and {@code a1}. */
    void addAll(int argc, Object a0, Object a1, Object[] args) {
        if (args != null) {
            for (Object arg : args) {
                add(arg);
            }
            return;
        }
        if (argc > 0) {
            add(a0);
        }
        if (argc > 1) {
            add(a1);
        }
    }

    private int next(int kind, long value) {
        if (size == kinds.length) {
            kinds = Arrays.copyOf(kinds, size * 2);
            bits = Arrays.copyOf(bits, size * 2);
            objects = Arrays.copyOf(objects, size * 2);
        }
        kinds[size] = (byte) kind;
        bits[size] = value;
        return size++;
    }

    /** Empties the list and lets go of the references that are not small ({@link SmallValues}). */
    void clear() {
        if (size > 0) {
            SmallValues.releaseLarge(objects, size);
            size = 0;
        }
    }

    @Override public int size() { return size; }
    @Override public int kind(int index) { return kinds[index]; }
    @Override public Object object(int index) { return objects[index]; }
    @Override public long longValue(int index) { return bits[index]; }
    @Override public double doubleValue(int index) { return Double.longBitsToDouble(bits[index]); }
}
