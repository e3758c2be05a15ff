package dev.spool.spi;

/**
 * The arguments of one message as the logging API hands them to a pipeline, numbers kept unboxed:
 * {@link dev.spool.EventBuilder#arg(long)} and its siblings. The pipeline formats them before the call
 * that received them returns, so the API may reuse the storage behind them.
 *
 * <p>Each argument has a kind: {@link #OBJECT} (read with {@link #object}), {@link #LONG} or
 * {@link #CHAR} (read with {@link #longValue}), {@link #DOUBLE} or {@link #FLOAT} (read with
 * {@link #doubleValue}). A primitive is written as its boxed value's {@code toString()} would write it.
 */
public interface Arguments {

    /** A reference, written as SLF4J writes one (a trailing Throwable is the event's exception). */
    int OBJECT = 0;
    /** A {@code long} (or a narrower integer), in {@link #longValue}. */
    int LONG = 1;
    /** A {@code double}, in {@link #doubleValue}. */
    int DOUBLE = 2;
    /** A {@code float}, widened exactly into {@link #doubleValue} and written as a float. */
    int FLOAT = 3;
    /** A {@code char}, in {@link #longValue}, written as the character. */
    int CHAR = 4;

    /** Number of arguments. */
    int size();

    /** The kind of the argument at {@code index}: one of the constants above. */
    int kind(int index);

    /** The argument at {@code index} when its kind is {@link #OBJECT}. */
    Object object(int index);

    /** The argument at {@code index} when its kind is {@link #LONG} or {@link #CHAR}. */
    long longValue(int index);

    /** The argument at {@code index} when its kind is {@link #DOUBLE} or {@link #FLOAT}. */
    double doubleValue(int index);
}
