package dev.spool;

import java.util.Locale;

/**
 * What a route does when the pipeline's queue is full. Chosen per route; every event that is not
 * written is counted with its reason, whatever the policy.
 *
 * <ul>
 *   <li>{@code block} (default): the caller waits for space. Nothing is lost.</li>
 *   <li>{@code drop}: the new event is dropped and counted ({@code queue_full}).</li>
 *   <li>{@code drop-below:LEVEL}: events under LEVEL are dropped and counted; the rest block.</li>
 *   <li>{@code sync-fallback}: events at ERROR and above are written by the calling thread itself (after
 *       it writes out what is queued, so per-thread order holds); the rest are dropped and counted.</li>
 * </ul>
 */
public record OverflowPolicy(Kind kind, Level threshold) {

    /** The policy kinds. */
    public enum Kind { BLOCK, DROP, DROP_BELOW, SYNC_FALLBACK }

    public static final OverflowPolicy BLOCK = new OverflowPolicy(Kind.BLOCK, Level.TRACE);
    public static final OverflowPolicy DROP = new OverflowPolicy(Kind.DROP, Level.FATAL);
    public static final OverflowPolicy SYNC_FALLBACK = new OverflowPolicy(Kind.SYNC_FALLBACK, Level.ERROR);

    /** Validates that a threshold is given. */
    public OverflowPolicy {
        if (kind == null || threshold == null) {
            throw new IllegalArgumentException("overflow policy kind and threshold are required");
        }
    }

    /** {@code drop-below:LEVEL}. */
    public static OverflowPolicy dropBelow(Level level) {
        return new OverflowPolicy(Kind.DROP_BELOW, level);
    }

    /**
     * Parses {@code block}, {@code drop}, {@code drop-below:LEVEL} or {@code sync-fallback}.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static OverflowPolicy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "block": return BLOCK;
            case "drop": return DROP;
            case "sync-fallback": return SYNC_FALLBACK;
            default:
                if (t.startsWith("drop-below:")) {
                    return dropBelow(Level.parse(t.substring("drop-below:".length())));
                }
                throw new IllegalArgumentException("unknown overflow policy '" + text
                        + "': expected block, drop, drop-below:LEVEL or sync-fallback");
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case BLOCK: return "block";
            case DROP: return "drop";
            case DROP_BELOW: return "drop-below:" + threshold;
            default: return "sync-fallback";
        }
    }
}
