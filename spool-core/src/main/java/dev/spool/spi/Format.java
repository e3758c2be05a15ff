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
}
