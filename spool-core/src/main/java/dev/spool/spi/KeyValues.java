package dev.spool.spi;

/**
 * A read-only list of key/value pairs that the logging API hands to a pipeline in one piece: an event's
 * fields or a metric's tags. The pipeline copies the pairs before the call that received them returns,
 * so the API may reuse the storage behind them.
 */
public interface KeyValues {

    /** Number of pairs. */
    int size();

    /** The key at {@code index}. */
    String key(int index);

    /** The value at {@code index}: a String, Number (Long, Integer, Double, ...) or Boolean. */
    Object value(int index);
}
