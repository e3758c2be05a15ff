/**
 * Spool's counters as Micrometer meters ({@link dev.spool.micrometer.SpoolMetrics}), and a Spring Boot
 * auto-configuration that binds them when Micrometer is present. Micrometer and Spring are automatic
 * modules ({@code micrometer.core}, {@code spring.*}: their manifests name them); Spring is optional.
 */
module dev.spool.micrometer {
    requires transitive dev.spool;
    requires transitive micrometer.core;
    requires static spring.beans;
    requires static spring.context;
    requires static spring.boot.autoconfigure;

    exports dev.spool.micrometer;
}
