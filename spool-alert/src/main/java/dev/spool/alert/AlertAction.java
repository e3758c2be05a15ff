package dev.spool.alert;

/** Where a rule's notifications go. Called on the sender thread only. */
interface AlertAction {

    /**
     * Delivers one notification, blocking at most the action's timeout.
     *
     * @throws DeliveryException when it was not delivered; its message holds no credentials
     * @throws InterruptedException when the sender is being stopped
     */
    void deliver(AlertRule rule, Notification notification) throws DeliveryException, InterruptedException;

    /** The destination for messages, with credentials, paths and queries left out ({@code smtp://host:25}). */
    String target();

    /** Releases what the action holds (connections, threads). */
    default void close() {
    }
}
