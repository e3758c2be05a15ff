package dev.spool.consumer;

/** A message that can never be stored as it is: its reason and a detail for the dead-letter headers. */
final class InvalidMessage extends Exception {

    private static final long serialVersionUID = 1L;

    private final DeadReason reason;

    InvalidMessage(DeadReason reason, String detail) {
        super(detail, null, false, false); // an expected outcome: no stack trace
        this.reason = reason;
    }

    DeadReason reason() {
        return reason;
    }
}
