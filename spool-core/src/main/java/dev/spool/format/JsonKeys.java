package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Options;
import dev.spool.spi.support.JsonEscaper;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The house rules of a JSON layout, read once at start-up: {@code json.rename.<key> = <name>} renames one
 * of the layout's own top-level keys, {@code json.static.<name> = <value>} adds a constant string member
 * to every object. Both end up as precomputed bytes, so they cost nothing per event.
 */
final class JsonKeys {

    static final String RENAME = "json.rename.";
    static final String STATIC = "json.static.";

    private final Map<String, String> names;
    private final Map<String, String> staticValues;
    private final byte[] statics;

    private JsonKeys(Map<String, String> names, Map<String, String> staticValues) {
        this.names = names;
        this.staticValues = staticValues;
        this.statics = staticBytes(staticValues);
    }

    /** Whether there is neither a rename nor a static member: the layout's own shape, unchanged. */
    boolean unchanged() {
        return names.isEmpty() && staticValues.isEmpty();
    }

    /** No renames, no static members. */
    static JsonKeys none() {
        return new JsonKeys(Map.of(), Map.of());
    }

    /**
     * Reads the {@code json.*} options for a layout whose renamable keys are {@code own}.
     *
     * @throws IllegalArgumentException naming the key when a rename names a key the layout does not write,
     *         a name is blank, or two members would end up with the same name
     */
    static JsonKeys from(Options options, String format, List<String> own, boolean renamable) {
        Map<String, String> names = new HashMap<>();
        Map<String, String> statics = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.asMap().entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.startsWith(RENAME)) {
                String field = key.substring(RENAME.length());
                if (!renamable) {
                    throw options.bad(key, value, "no json.rename with format = " + format
                            + " (its shape is fixed by the protocol)");
                }
                if (!own.contains(field)) {
                    throw options.bad(key, value, "json.rename.KEY where KEY is one of " + new TreeSet<>(own)
                            + " (the keys format = " + format + " writes)");
                }
                names.put(field, nonBlank(options, key, value));
            } else if (key.startsWith(STATIC)) {
                String name = key.substring(STATIC.length());
                if (name.isBlank()) {
                    throw options.bad(key, value, "json.static.NAME with a non-blank NAME");
                }
                statics.put(name, value);
            }
        }
        Set<String> taken = new HashSet<>();
        for (String field : own) {
            String name = names.getOrDefault(field, field);
            if (!taken.add(name)) {
                throw options.bad(RENAME + field, name, "a name no other key of format = " + format + " has");
            }
        }
        for (String name : statics.keySet()) {
            if (taken.contains(name)) {
                throw options.bad(STATIC + name, statics.get(name),
                        "a name that format = " + format + " does not write already (rename its key first)");
            }
        }
        return new JsonKeys(Map.copyOf(names), java.util.Collections.unmodifiableMap(statics));
    }

    /** The name {@code key} is written under. */
    String name(String key) {
        return names.getOrDefault(key, key);
    }

    /**
     * For each key: {@code {"name":} for the first, {@code ,"name":} for the others, renamed and escaped.
     */
    byte[][] members(List<String> keys) {
        byte[][] result = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            result[i] = member(i == 0 ? "{" : ",", name(keys.get(i)));
        }
        return result;
    }

    /** {@code ,"k1":"v1","k2":"v2"}: the static members, empty when there are none. */
    byte[] statics() {
        return statics;
    }

    /** The static members as name to value, in key order (for layouts that place them elsewhere). */
    Map<String, String> staticValues() {
        return staticValues;
    }

    /** {@code separator"name":}, escaped. */
    static byte[] member(String separator, String name) {
        ByteBuilder out = new ByteBuilder(name.length() + 8);
        out.appendAscii(separator);
        JsonEscaper.appendString(name, out);
        out.append((byte) ':');
        return Arrays.copyOf(out.array(), out.length());
    }

    private static byte[] staticBytes(Map<String, String> statics) {
        ByteBuilder out = new ByteBuilder(64);
        statics.forEach((name, value) -> {
            out.append((byte) ',');
            JsonEscaper.appendString(name, out);
            out.append((byte) ':');
            JsonEscaper.appendString(value, out);
        });
        return Arrays.copyOf(out.array(), out.length());
    }

    private static String nonBlank(Options options, String key, String value) {
        if (value == null || value.isBlank()) {
            throw options.bad(key, value, "a non-blank name");
        }
        return value;
    }
}
