package dev.spool.spi;

import dev.spool.Level;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The string options of one configured item (a destination, a format), with typed accessors whose
 * errors name the full key, the bad value and what is accepted.
 *
 * <p>Immutable and thread-safe.
 */
public final class Options {

    private final String prefix;
    private final Map<String, String> values;

    /**
     * @param prefix the key prefix used in error messages, such as {@code destination.app.}
     * @param values option name (without prefix) to raw value
     */
    public Options(String prefix, Map<String, String> values) {
        this.prefix = prefix == null ? "" : prefix;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The key prefix used in error messages. */
    public String prefix() {
        return prefix;
    }

    /** All option names and raw values. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Whether {@code key} is set. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Rejects any key not in {@code known}, so that typos do not pass silently. */
    public Options requireOnly(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + prefix + key + "': accepted keys are "
                        + new TreeSet<>(known));
            }
        }
        return this;
    }

    /**
     * Rejects any key that is neither in {@code known} nor starts with one of {@code knownPrefixes} (such as
     * {@code json.static.}), so that typos do not pass silently.
     */
    public Options requireOnly(Set<String> known, Set<String> knownPrefixes) {
        for (String key : values.keySet()) {
            boolean prefixed = false;
            for (String prefix : knownPrefixes) {
                prefixed |= key.startsWith(prefix) && key.length() > prefix.length();
            }
            if (!prefixed && !known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + this.prefix + key + "': accepted keys are "
                        + new TreeSet<>(known) + " and keys starting with " + new TreeSet<>(knownPrefixes));
            }
        }
        return this;
    }

    public String string(String key, String defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : v;
    }

    /** A required, non-blank string. */
    public String string(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing key '" + prefix + key + "'");
        }
        return v;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer from " + min + " to " + max);
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": return true;
            case "false": case "no": case "off": return false;
            default: throw bad(key, v, "true or false");
        }
    }

    public long bytes(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parseBytes(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, "a size such as 512, 64KB, 10MB or 1GB");
        }
    }

    public Duration duration(String key, Duration defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, "a duration such as 200ms, 5s, 1m, 2h or 7d");
        }
    }

    public Level level(String key, Level defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Level.parse(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, "TRACE, DEBUG, INFO, WARN, ERROR or FATAL (CRITICAL = FATAL)");
        }
    }

    /** One of {@code accepted}, compared case-insensitively; returned in lower case. */
    public String choice(String key, String defaultValue, Set<String> accepted) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String lower = v.trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(lower)) {
            throw bad(key, v, "one of " + new TreeSet<>(accepted));
        }
        return lower;
    }

    /** An error naming the full key, the bad value and what is accepted. */
    public IllegalArgumentException bad(String key, String value, String accepted) {
        return new IllegalArgumentException("bad value '" + value + "' for key '" + prefix + key
                + "': expected " + accepted);
    }

    /** Parses {@code 512}, {@code 64KB}, {@code 10MB}, {@code 1GB} (binary multiples; B, K, M, G accepted). */
    public static long parseBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long multiplier = 1;
        String digits = t;
        String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"},
                            {"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"},
                            {"K", "1024"}, {"M", "1048576"}, {"G", "1073741824"}, {"B", "1"}};
        for (String[] unit : units) {
            if (t.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                digits = t.substring(0, t.length() - unit[0].length());
                break;
            }
        }
        long n = Long.parseLong(digits);
        if (n < 0) {
            throw new IllegalArgumentException("negative size: " + text);
        }
        try {
            return Math.multiplyExact(n, multiplier);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size too large: " + text, e);
        }
    }

    /**
     * Parses {@code 250ms}, {@code 5s}, {@code 1m}, {@code 2h}, {@code 7d}, or an ISO-8601 {@code PT5S}.
     *
     * @throws IllegalArgumentException for anything else, a negative duration or one too long for {@link Duration}
     */
    public static Duration parseDuration(String text) {
        // Duration's own DateTimeParseException and ArithmeticException are not IllegalArgumentExceptions:
        // callers that name the key on IllegalArgumentException would let them out bare (found by fuzzing)
        try {
            Duration d = parseDurationUnchecked(text);
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + text);
            }
            return d;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    private static Duration parseDurationUnchecked(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        String[] units = {"ms", "s", "m", "h", "d"};
        for (String unit : units) {
            if (t.endsWith(unit)) {
                long n = Long.parseLong(t.substring(0, t.length() - unit.length()).trim());
                switch (unit) {
                    case "ms": return Duration.ofMillis(n);
                    case "s": return Duration.ofSeconds(n);
                    case "m": return Duration.ofMinutes(n);
                    case "h": return Duration.ofHours(n);
                    default: return Duration.ofDays(n);
                }
            }
        }
        throw new IllegalArgumentException("no unit: " + text);
    }
}
