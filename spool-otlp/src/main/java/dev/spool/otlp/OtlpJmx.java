package dev.spool.otlp;

import dev.spool.spi.support.DestinationMBeans;

import java.util.function.Supplier;
import javax.management.ObjectName;

/** Registers one destination's health as {@code dev.spool:type=OtlpDestination,name="NAME"}. */
final class OtlpJmx implements OtlpDestinationMXBean {

    private final Supplier<OtlpHealth> health;
    private ObjectName objectName;

    private OtlpJmx(Supplier<OtlpHealth> health) {
        this.health = health;
    }

    static OtlpJmx register(String destination, Supplier<OtlpHealth> health) {
        OtlpJmx bean = new OtlpJmx(health);
        bean.objectName = DestinationMBeans.register("OtlpDestination", "otlp", destination, bean);
        return bean;
    }

    /** The object name of {@code destination}'s MBean. */
    static ObjectName objectName(String destination) throws javax.management.MalformedObjectNameException {
        return DestinationMBeans.objectName("OtlpDestination", destination);
    }

    void unregister() {
        DestinationMBeans.unregister(objectName, "otlp");
    }

    private OtlpHealth h() {
        return health.get();
    }

    @Override public String getEndpoint() { return h().endpoint(); }
    @Override public String getState() { return h().state().name(); }
    @Override public String getLastError() { return h().lastError(); }
    @Override public long getSpoolEvents() { return h().spoolEvents(); }
    @Override public long getSpoolBytes() { return h().spoolBytes(); }
    @Override public long getRequests() { return h().requests(); }
    @Override public long getDeliveredEvents() { return h().deliveredEvents(); }
    @Override public long getRejectedEvents() { return h().rejectedEvents(); }
    @Override public long getRejectedBatches() { return h().rejectedBatches(); }
    @Override public long getPartialSuccesses() { return h().partialSuccesses(); }
    @Override public long getRetries() { return h().retries(); }
    @Override public long getResentEvents() { return h().resentEvents(); }
    @Override public long getDroppedEvents() { return h().droppedEvents(); }
    @Override public long getRefusedEvents() { return h().refusedEvents(); }
}
