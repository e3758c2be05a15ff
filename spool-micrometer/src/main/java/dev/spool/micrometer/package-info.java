/**
 * Spool's counters as Micrometer meters: {@link dev.spool.micrometer.SpoolMetrics}, bound to any
 * {@code MeterRegistry} (Prometheus, OTLP, JMX, ...).
 */
package dev.spool.micrometer;
