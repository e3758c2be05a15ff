/**
 * Micrometer meters for Spool: {@link dev.spool.micrometer.SpoolMetrics} reads the public
 * {@link dev.spool.PipelineStats} snapshot on every poll; {@link dev.spool.micrometer.SpoolMetricsAutoConfiguration}
 * registers it in a Spring Boot application. docs/micrometer.md lists the meters.
 */
package dev.spool.micrometer;
