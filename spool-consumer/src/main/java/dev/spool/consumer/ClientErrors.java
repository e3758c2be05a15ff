package dev.spool.consumer;

import com.rabbitmq.client.ShutdownSignalException;

/** One-line descriptions of failures: the client often wraps the useful message in a cause. */
final class ClientErrors {

    private ClientErrors() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t instanceof java.io.IOException && t.getCause() instanceof ShutdownSignalException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + message;
    }
}
