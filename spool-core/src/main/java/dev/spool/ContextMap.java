package dev.spool;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable set of context key/values, as captured with an event.
 *
 * <p>Keys are kept sorted, so output is stable. Changing the thread's context replaces its map (copy on
 * write); an event only keeps a reference to the map in force when it was logged, which costs nothing.
 */
public final class ContextMap {

    /** The empty context. */
    public static final ContextMap EMPTY = new ContextMap(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;

    private ContextMap(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Number of entries. */
    public int size() {
        return keys.length;
    }

    /** Whether there are no entries. */
    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The key at {@code index}, in sorted order. */
    public String key(int index) {
        return keys[index];
    }

    /** The value at {@code index}. */
    public String value(int index) {
        return values[index];
    }

    /** The value for {@code key}, or null. */
    public String get(String key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? values[i] : null;
    }

    /** A map with {@code key} set to {@code value}; a null value removes the key. */
    public ContextMap with(String key, String value) {
        if (key == null) {
            throw new IllegalArgumentException("context key must not be null");
        }
        if (value == null) {
            return without(key);
        }
        int i = Arrays.binarySearch(keys, key);
        if (i >= 0) {
            if (value.equals(values[i])) {
                return this;
            }
            String[] newValues = values.clone();
            newValues[i] = value;
            return new ContextMap(keys, newValues);
        }
        int at = -i - 1;
        String[] newKeys = new String[keys.length + 1];
        String[] newValues = new String[keys.length + 1];
        System.arraycopy(keys, 0, newKeys, 0, at);
        System.arraycopy(values, 0, newValues, 0, at);
        newKeys[at] = key;
        newValues[at] = value;
        System.arraycopy(keys, at, newKeys, at + 1, keys.length - at);
        System.arraycopy(values, at, newValues, at + 1, keys.length - at);
        return new ContextMap(newKeys, newValues);
    }

    /** A map without {@code key}. */
    public ContextMap without(String key) {
        int i = Arrays.binarySearch(keys, key);
        if (i < 0) {
            return this;
        }
        if (keys.length == 1) {
            return EMPTY;
        }
        String[] newKeys = new String[keys.length - 1];
        String[] newValues = new String[keys.length - 1];
        System.arraycopy(keys, 0, newKeys, 0, i);
        System.arraycopy(values, 0, newValues, 0, i);
        System.arraycopy(keys, i + 1, newKeys, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, newValues, i, keys.length - i - 1);
        return new ContextMap(newKeys, newValues);
    }

    /** A map holding the given entries (null values skipped). */
    public static ContextMap of(Map<String, String> entries) {
        ContextMap map = EMPTY;
        if (entries != null) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                map = map.with(e.getKey(), e.getValue());
            }
        }
        return map;
    }

    /** A new unmodifiable {@link Map} view copy, in key order. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
