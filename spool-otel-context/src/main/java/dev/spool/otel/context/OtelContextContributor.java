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
 * replaced by the current span's. Each thread remembers its last result: the events of one span logged
 * with the same thread context share one map, so only the first of them allocates. Thread-safe.
 */
public final class OtelContextContributor implements ContextContributor {

    /** Context key of the trace id. */
    public static final String TRACE_ID = "trace_id";
    /** Context key of the span id. */
    public static final String SPAN_ID = "span_id";

    /** Per thread: the last context and span ids seen, and the map made from them (immutable, so shareable). */
    private static final class Last {
        ContextMap input;
        String traceId;
        String spanId;
        ContextMap result;
    }

    private final ThreadLocal<Last> last = ThreadLocal.withInitial(Last::new);

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
        Last cache = last.get();
        if (cache.input == context && traceId.equals(cache.traceId) && spanId.equals(cache.spanId)) {
            return cache.result;
        }
        ContextMap result = context;
        if (!traceId.equals(result.get(TRACE_ID))) {
            result = result.with(TRACE_ID, traceId);
        }
        if (!spanId.equals(result.get(SPAN_ID))) {
            result = result.with(SPAN_ID, spanId);
        }
        cache.input = context;
        cache.traceId = traceId;
        cache.spanId = spanId;
        cache.result = result;
        return result;
    }
}
