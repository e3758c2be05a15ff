package dev.spool.amqp;

/**
 * The JMX view of an {@code amqp} destination, registered as
 * {@code dev.spool:type=AmqpDestination,name="NAME"} while it is open. Every attribute is read from one
 * fresh {@link AmqpHealth} snapshot.
 */
public interface AmqpDestinationMXBean {

    String getBroker();

    /** {@link AmqpHealth.State} name. */
    String getState();

    String getLastError();

    int getConfirmsOutstanding();

    long getSpoolEvents();

    long getSpoolBytes();

    long getPublishedEvents();

    long getConfirmedEvents();

    long getResentEvents();

    long getNackedMessages();

    long getReturnedMessages();

    long getReconnects();

    long getDroppedEvents();

    long getBlockedAppends();

    long getRefusedEvents();

    long getCorruptBytes();

    double getConfirmedEventsPerSecond();
}
