package dev.spool.internal.pipeline;

import dev.spool.PipelineMXBean;
import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.spi.RuntimeControl;
import dev.spool.spi.support.Diagnostics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers a pipeline's stats as the MXBean {@code dev.spool:type=Pipeline,name=NAME}. */
final class PipelineJmx implements PipelineMXBean {

    private static final int MAX_PREFIX_CHARS = 1_024;

    private final Pipeline pipeline;
    private final RuntimeControl control;
    private ObjectName objectName;

    private PipelineJmx(Pipeline pipeline, RuntimeControl control) {
        this.pipeline = pipeline;
        this.control = control;
    }

    static PipelineJmx register(Pipeline pipeline, RuntimeControl control) {
        PipelineJmx bean = new PipelineJmx(pipeline, control);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int n = 1; n < 1_000; n++) {
            String name = n == 1 ? pipeline.name() : pipeline.name() + "-" + n;
            try {
                ObjectName on = ObjectName.getInstance("dev.spool:type=Pipeline,name=" + ObjectName.quote(name));
                server.registerMBean(bean, on);
                bean.objectName = on;
                return bean;
            } catch (InstanceAlreadyExistsException taken) {
                // another pipeline with this name is alive (tests, reconfiguration): use the next suffix
            } catch (Exception e) {
                Diagnostics.warn("jmx", "could not register the stats MBean of pipeline '" + pipeline.name() + "'", e);
                return bean;
            }
        }
        return bean;
    }

    void unregister() {
        if (objectName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
            } catch (Exception e) {
                Diagnostics.warn("jmx", "could not unregister " + objectName, e);
            }
        }
    }

    private PipelineStats s() {
        return pipeline.stats();
    }

    @Override public long getAccepted() { return s().accepted(); }
    @Override public long getWritten() { return s().written(); }
    @Override public long getDropped() { return s().droppedTotal(); }
    @Override public Map<String, Long> getDroppedByReason() { return s().dropped(); }
    @Override public long getPending() { return s().pending(); }
    @Override public int getQueueCapacity() { return s().queueCapacity(); }
    @Override public long getMaxQueueDepth() { return s().maxQueueDepth(); }
    @Override public long getBatches() { return s().batches(); }
    @Override public long getDestinationErrors() { return s().destinationErrors(); }
    @Override public long getDestinationFailed() { return s().destinationFailed(); }

    @Override
    public void setLevel(String loggerPrefix, String level) {
        String prefix = prefix(loggerPrefix);
        control().setLevel(prefix, Level.parse(level));
    }

    @Override
    public void clearLevel(String loggerPrefix) {
        control().setLevel(prefix(loggerPrefix), null);
    }

    @Override
    public Map<String, String> listLevels() {
        Map<String, Level> atRuntime = control().runtimeLevels();
        Map<String, String> shown = new TreeMap<>();
        control().levels().forEach((prefix, level) -> shown.put(prefix,
                atRuntime.get(prefix) == level ? level.name() + " (set at runtime)" : level.name()));
        return shown;
    }

    @Override
    public String reload() {
        return control().reload();
    }

    private RuntimeControl control() {
        if (control == null) {
            throw new IllegalStateException("this pipeline is not Spool's own; it has no levels to change");
        }
        return control;
    }

    private static String prefix(String loggerPrefix) {
        String prefix = loggerPrefix == null ? "" : loggerPrefix.trim();
        if (prefix.length() > MAX_PREFIX_CHARS) {
            throw new IllegalArgumentException("logger prefix of " + prefix.length()
                    + " characters: expected at most " + MAX_PREFIX_CHARS);
        }
        return prefix;
    }
}
