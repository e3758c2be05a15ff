package dev.spool.collector;

import java.util.Locale;

/** Why the collector refused a line or a connection; the names are the {@code error} values on the wire. */
enum Reject {
    /** A line that is not a valid event: answered with an error, the connection stays. */
    MALFORMED,
    /** A line longer than the limit: the connection is closed, since the rest of the line cannot be trusted. */
    TOO_LARGE,
    /** The first line was not a valid handshake, or asked for an unknown protocol version. */
    BAD_HANDSHAKE,
    /** A TCP handshake without the configured token, or with a wrong one. */
    BAD_TOKEN,
    /** The connection cap was reached. */
    TOO_MANY_CONNECTIONS,
    /** No byte for the idle timeout, or no handshake within the handshake timeout. */
    IDLE_TIMEOUT,
    /** A line took longer than the line timeout to arrive (a client trickling bytes). */
    SLOW_LINE,
    /** The sender does not read its acknowledgements, so they pile up. */
    NOT_READING;

    /** The wire and stats name, such as {@code too_large}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
