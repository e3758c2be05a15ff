package dev.spool.alert;

/** A notification that did not reach its receiver; {@link #retryable()} says whether trying again can help. */
final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
