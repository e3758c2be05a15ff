package dev.spool.bench.run;

import java.util.HashMap;
import java.util.Map;

/** The {@code key=value} arguments the driver passes to a benchmark JVM. */
final class RunArguments {

    private final Map<String, String> values;

    private RunArguments(Map<String, String> values) {
        this.values = values;
    }

    static RunArguments parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad argument '" + arg + "': expected key=value");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new RunArguments(values);
    }

    String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument '" + key + "'");
        }
        return value;
    }

    /** The value of {@code key}, or {@code fallback} when it was not passed. */
    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int number(String key) {
        try {
            return Integer.parseInt(text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value '" + values.get(key) + "' for '" + key
                    + "': expected an integer");
        }
    }
}
