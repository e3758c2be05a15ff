package dev.spool.amqp;

import dev.spool.spi.support.DestinationMBeans;

import java.util.function.Supplier;
import javax.management.ObjectName;

/** Registers one destination's health as {@code dev.spool:type=AmqpDestination,name="NAME"}. */
final class AmqpJmx implements AmqpDestinationMXBean {

    private final Supplier<AmqpHealth> health;
    private ObjectName objectName;

    private AmqpJmx(Supplier<AmqpHealth> health) {
        this.health = health;
    }

    static AmqpJmx register(String destination, Supplier<AmqpHealth> health) {
        AmqpJmx bean = new AmqpJmx(health);
        bean.objectName = DestinationMBeans.register("AmqpDestination", "amqp", destination, bean);
        return bean;
    }

    /** The object name of {@code destination}'s MBean. */
    static ObjectName objectName(String destination) throws javax.management.MalformedObjectNameException {
        return DestinationMBeans.objectName("AmqpDestination", destination);
    }

    void unregister() {
        DestinationMBeans.unregister(objectName, "amqp");
    }

    private AmqpHealth h() {
        return health.get();
    }

    @Override public String getBroker() { return h().broker(); }
    @Override public String getState() { return h().state().name(); }
    @Override public String getLastError() { return h().lastError(); }
    @Override public int getConfirmsOutstanding() { return h().confirmsOutstanding(); }
    @Override public long getSpoolEvents() { return h().spoolEvents(); }
    @Override public long getSpoolBytes() { return h().spoolBytes(); }
    @Override public long getPublishedEvents() { return h().publishedEvents(); }
    @Override public long getConfirmedEvents() { return h().confirmedEvents(); }
    @Override public long getResentEvents() { return h().resentEvents(); }
    @Override public long getNackedMessages() { return h().nackedMessages(); }
    @Override public long getReturnedMessages() { return h().returnedMessages(); }
    @Override public long getReconnects() { return h().reconnects(); }
    @Override public long getDroppedEvents() { return h().droppedEvents(); }
    @Override public long getBlockedAppends() { return h().blockedAppends(); }
    @Override public long getRefusedEvents() { return h().refusedEvents(); }
    @Override public long getCorruptBytes() { return h().corruptBytes(); }
    @Override public double getConfirmedEventsPerSecond() { return h().confirmedEventsPerSecond(); }
}
