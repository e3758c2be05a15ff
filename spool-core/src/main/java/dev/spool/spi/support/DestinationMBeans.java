package dev.spool.spi.support;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * A destination's MBean on the platform server, {@code dev.spool:type=TYPE,name="NAME"}: registered in
 * place of a reconfigured pipeline's old one of the same name, and never failing the destination (a
 * refusal is reported on stderr and the destination works without its bean).
 */
public final class DestinationMBeans {

    private DestinationMBeans() {
    }

    /** {@code dev.spool:type=TYPE,name="DESTINATION"}. */
    public static ObjectName objectName(String type, String destination) throws MalformedObjectNameException {
        return ObjectName.getInstance("dev.spool:type=" + type + ",name=" + ObjectName.quote(destination));
    }

    /**
     * Registers {@code bean} as {@code type}'s MBean of {@code destination}, replacing one already there.
     *
     * @param kind the destination type for messages, such as {@code amqp}
     * @return the name it was registered under, or null when it could not be (reported)
     */
    public static ObjectName register(String type, String kind, String destination, Object bean) {
        try {
            ObjectName name = objectName(type, destination);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a reconfigured pipeline's old sink
            }
            server.registerMBean(bean, name);
            return name;
        } catch (Exception e) {
            Diagnostics.warn(kind + ".jmx", "could not register the MBean of " + kind + " destination '" + destination
                    + "'", e);
            return null;
        }
    }

    /** Unregisters what {@link #register} returned; null does nothing. A failure is reported, not thrown. */
    public static void unregister(ObjectName name, String kind) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (Exception e) {
            Diagnostics.warn(kind + ".jmx", "could not unregister " + name, e);
        }
    }
}
