/**
 * A {@link dev.spool.spi.ContextContributor} that reads OpenTelemetry's current span: see
 * {@link dev.spool.otel.context.OtelContextContributor}.
 */
package dev.spool.otel.context;
