package dev.spool;

import java.util.Locale;

/**
 * Severity of an event, from {@link #TRACE} (most verbose) to {@link #FATAL}.
 *
 * <p>{@code CRITICAL} is accepted as a synonym of {@code FATAL} wherever a level is parsed.
 */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    private static final Level[] VALUES = values();

    /** A threshold above every level: a logger with it is off. */
    public static final int OFF = VALUES.length;

    /**
     * Parses a level name, case-insensitively; {@code CRITICAL} is read as {@link #FATAL} and
     * {@code WARNING} as {@link #WARN}.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Level parse(String text) {
        if (text != null) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            switch (name) {
                case "CRITICAL": return FATAL;
                case "WARNING": return WARN;
                default:
                    for (Level level : VALUES) {
                        if (level.name().equals(name)) {
                            return level;
                        }
                    }
            }
        }
        throw new IllegalArgumentException("unknown level '" + text
                + "': expected one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL (CRITICAL = FATAL)");
    }

    /** Whether an event at this level passes a threshold of {@code minimum}. */
    public boolean isAtLeast(Level minimum) {
        return ordinal() >= minimum.ordinal();
    }

    static Level ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
