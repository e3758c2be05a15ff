/**
 * Trace context for Spool: the current OpenTelemetry span's {@code trace_id} and {@code span_id} in the
 * context of every event. The OpenTelemetry API is an automatic module ({@code io.opentelemetry.api},
 * {@code io.opentelemetry.context}) that the application brings.
 */
module dev.spool.otel.context {
    requires dev.spool;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;

    provides dev.spool.spi.ContextContributor with dev.spool.otel.context.OtelContextContributor;
}
