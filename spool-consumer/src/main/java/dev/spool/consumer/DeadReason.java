package dev.spool.consumer;

/**
 * Why a message went to the dead-letter queue: the value of its {@code spool-dead-reason} header and the
 * key of the dead-letter counts in {@link ConsumerStats}.
 */
public enum DeadReason {
    /** The body, a line, or the gzip-decompressed body is over its limit. */
    TOO_LARGE("too-large"),
    /** {@code content_encoding} is neither absent, {@code identity} nor {@code gzip}. */
    BAD_ENCODING("bad-encoding"),
    /** The body claims gzip and is not a valid gzip stream. */
    BAD_GZIP("bad-gzip"),
    /** The {@code spool-schema} header is present and not 1. */
    BAD_SCHEMA("bad-schema"),
    /** A line is not valid UTF-8. */
    BAD_UTF8("bad-utf8"),
    /** A line is not an event of the JSON Lines schema, or the body holds no event. */
    BAD_EVENT("bad-event"),
    /** The store refused one event for its content (one dead letter per event). */
    REFUSED("refused"),
    /** The message failed to be stored with a non-retryable error {@code maxAttempts} times. */
    STORE_FAILED("store-failed");

    private final String header;

    DeadReason(String header) {
        this.header = header;
    }

    /** The header value, e.g. {@code bad-gzip}. */
    public String header() {
        return header;
    }
}
