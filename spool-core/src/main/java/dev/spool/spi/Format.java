package dev.spool.spi;

/**
 * Turns an event into bytes: one line of text, one JSON object, or any other framing.
 *
 * <p>Called on the writer thread only; an implementation may keep reusable scratch state and must not
 * allocate per event in steady state.
 */
public interface Format {

    /** Appends the encoded event, including its line terminator, to {@code out}. */
    void format(LogEvent event, ByteBuilder out);

    /**
     * Whether this format writes an event of kind {@link EventKind#LEDGER} with its {@link Ledger} in a
     * shape Spool reads back ({@code spool audit --file}, the collector): only Spool's own JSON Lines
     * schema with its own key names does. A file sink carries ledgers only when its format says so
     * (docs/audit.md). False by default.
     */
    default boolean writesLedgers() {
        return false;
    }
}
