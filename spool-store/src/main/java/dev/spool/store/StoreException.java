package dev.spool.store;

/**
 * A store could not answer or could not write: its message says which store and why, in words a user can
 * act on. {@link #isRetryable()} tells a writer whether the same request may succeed later (the server is
 * restarting, the file is locked) or will fail again the same way (the schema is newer, the file is not a
 * database).
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public StoreException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreException(String message) {
        this(message, null, false);
    }

    /** True when the failure is expected to pass (connection lost, server starting, lock held). */
    public boolean isRetryable() {
        return retryable;
    }
}
