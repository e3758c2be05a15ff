package dev.spool.otel.context;

import dev.spool.ContextMap;
import dev.spool.spi.ContextContributor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Adds the current OpenTelemetry span's ids to each event's context as {@code trace_id} (32 lower-case
 * hex digits) and {@code span_id} (16), so that {@code %X{trace_id}} prints it, JSON keeps it under
 * {@code context} and {@code otlp-json} writes it as the record's {@code traceId}/{@code spanId}.
 *
 * <p>With no valid span current, the context is returned unchanged and nothing is allocated (the API's
 * lookups of the current span are allocation-free). When the thread's context already holds the same
 * ids, it is returned unchanged too. Ids the application put in the context itself under these keys are
 * replaced by the current span's. Thread-safe and stateless.
 */
public final class OtelContextContributor implements ContextContributor {

    /** Context key of the trace id. */
    public static final String TRACE_ID = "trace_id";
    /** Context key of the span id. */
    public static final String SPAN_ID = "span_id";

    /** Called by {@link java.util.ServiceLoader}. */
    public OtelContextContributor() {
    }

    @Override
    public ContextMap contribute(ContextMap context) {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return context;
        }
        String traceId = span.getTraceId();
        String spanId = span.getSpanId();
        ContextMap result = context;
        if (!traceId.equals(result.get(TRACE_ID))) {
            result = result.with(TRACE_ID, traceId);
        }
        if (!spanId.equals(result.get(SPAN_ID))) {
            result = result.with(SPAN_ID, spanId);
        }
        return result;
    }
}
