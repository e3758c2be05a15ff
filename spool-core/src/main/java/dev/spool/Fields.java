package dev.spool;

import dev.spool.internal.pipeline.SmallValues;
import dev.spool.spi.KeyValues;

import java.util.Arrays;
import java.util.Map;

/**
 * The key/values of one event as the API collects them ({@link EventBuilder}, metric tags), handed to
 * the pipeline as one object. Grows as needed and is reused, so a reused instance allocates nothing.
 */
final class Fields implements KeyValues {

    private String[] keys;
    private Object[] values;
    private int size;

    Fields(int capacity) {
        keys = new String[capacity];
        values = new Object[capacity];
    }

    /** The tags of a metric, in the map's order; null for no tags. */
    static Fields of(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        Fields fields = new Fields(tags.size());
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            fields.add(tag.getKey(), tag.getValue());
        }
        return fields;
    }

    void add(String key, Object value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        if (keys[size] != key) { // a reused instance sees the same literal keys: no GC card dirtied
            keys[size] = key;
        }
        if (values[size] != value) { // a literal or cached value as last time: no store, no card dirtied
            values[size] = value;
        }
        size++;
    }

    /**
     * Empties the list and lets go of the values that are not small ({@link SmallValues}): the small ones stay,
     * so that the next event's same values are not stored again.
     */
    void clear() {
        SmallValues.releaseLarge(values, size);
        size = 0;
    }

    @Override public int size() { return size; }
    @Override public String key(int index) { return keys[index]; }
    @Override public Object value(int index) { return values[index]; }
}
