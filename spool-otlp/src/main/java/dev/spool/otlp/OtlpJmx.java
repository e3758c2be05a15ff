package dev.spool.otlp;

import dev.spool.spi.support.Diagnostics;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import javax.management.MBeanServer;
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
        try {
            ObjectName name = objectName(destination);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a reconfigured pipeline's old sink
            }
            server.registerMBean(bean, name);
            bean.objectName = name;
        } catch (Exception e) {
            Diagnostics.warn("otlp.jmx", "could not register the MBean of otlp destination '" + destination + "'", e);
        }
        return bean;
    }

    /** The object name of {@code destination}'s MBean. */
    static ObjectName objectName(String destination) throws javax.management.MalformedObjectNameException {
        return ObjectName.getInstance("dev.spool:type=OtlpDestination,name=" + ObjectName.quote(destination));
    }

    void unregister() {
        if (objectName == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
        } catch (Exception e) {
            Diagnostics.warn("otlp.jmx", "could not unregister " + objectName, e);
        }
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
