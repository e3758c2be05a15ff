package dev.spool.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link SpoolMetrics} in a Spring Boot application that has Micrometer. With Boot's actuator,
 * whose metrics auto-configuration binds every {@code MeterBinder} bean to every registry, the bean is
 * all it takes; without the actuator, this class binds it to each {@link MeterRegistry} bean itself.
 * Declare a {@code SpoolMetrics} bean of your own to replace it.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
public class SpoolMetricsAutoConfiguration {

    /** Called by Spring. */
    public SpoolMetricsAutoConfiguration() {
    }

    /** Spool's meters, bound by the actuator (or by {@link WithoutActuator}). */
    @Bean
    @ConditionalOnMissingBean
    public SpoolMetrics spoolMetrics() {
        return new SpoolMetrics();
    }

    /** Binds the meters when no actuator is there to do it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration")
    static class WithoutActuator {

        @Bean
        SmartInitializingSingleton spoolMetricsBinder(ObjectProvider<MeterRegistry> registries, SpoolMetrics metrics) {
            return () -> registries.orderedStream().forEach(metrics::bindTo);
        }
    }
}
