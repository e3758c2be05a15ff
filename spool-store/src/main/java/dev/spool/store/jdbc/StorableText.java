package dev.spool.store.jdbc;

import dev.spool.store.FlatJson;

/**
 * How a store's text columns take the text an event carries: as it is ({@link #AS_IS}, SQLite), or
 * without NUL, which PostgreSQL's text and jsonb cannot hold, and cut at a column's limit with a marker
 * saying how much was cut ({@link #withoutNul}). Immutable and thread-safe.
 */
public final class StorableText {

    /** What NUL becomes when a store cannot hold it. */
    public static final char NUL_REPLACEMENT = '\uFFFD';

    /** Every text kept whole, NUL included; fields and context in {@link FlatJson#STANDARD}. */
    public static final StorableText AS_IS = new StorableText(false, Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final boolean replaceNul;
    private final int maxNameChars;
    private final int maxTextChars;

    private StorableText(boolean replaceNul, int maxNameChars, int maxTextChars) {
        if (maxNameChars < 1 || maxTextChars < 1) {
            throw new IllegalArgumentException("column limits must be positive, got " + maxNameChars + " and "
                    + maxTextChars);
        }
        this.replaceNul = replaceNul;
        this.maxNameChars = maxNameChars;
        this.maxTextChars = maxTextChars;
    }

    /**
     * NUL replaced by {@link #NUL_REPLACEMENT} everywhere (fields and context in {@link FlatJson#NUL_REPLACED});
     * names (logger, thread, correlation id, service, host, metric name and unit) cut at
     * {@code maxNameChars}, message and exception text at {@code maxTextChars}.
     *
     * @throws IllegalArgumentException when a limit is not positive
     */
    public static StorableText withoutNul(int maxNameChars, int maxTextChars) {
        return new StorableText(true, maxNameChars, maxTextChars);
    }

    /** A name as its column keeps it; null stays null. */
    public String name(String s) {
        return storable(s, maxNameChars);
    }

    /** Message or exception text as its column keeps it; null stays null. */
    public String text(String s) {
        return storable(s, maxTextChars);
    }

    /** Whether message or exception text is kept whole by {@link #text}, not cut. */
    public boolean fitsText(String s) {
        return s == null || s.length() <= maxTextChars;
    }

    /** A value compared with stored text (a query parameter): NUL treated as stored, nothing cut. */
    public String value(String s) {
        return storable(s, Integer.MAX_VALUE);
    }

    /** How fields and context are written as JSON. */
    public FlatJson json() {
        return replaceNul ? FlatJson.NUL_REPLACED : FlatJson.STANDARD;
    }

    private String storable(String s, int maxChars) {
        if (s == null) {
            return null;
        }
        String cut = s.length() <= maxChars ? s
                : s.substring(0, maxChars) + "...[" + (s.length() - maxChars) + " chars cut]";
        return !replaceNul || cut.indexOf('\0') < 0 ? cut : cut.replace('\0', NUL_REPLACEMENT);
    }
}
