package dev.spool.collector.otlp;

/**
 * The attribute names Spool's {@code otlp} destination (spool-otlp) writes besides the event's fields,
 * read back here into their places. The two sides cannot share a class (spool-otlp's tests run this
 * receiver); docs/otlp.md is the one list both follow, and the round-trip test holds them together.
 */
final class OtlpMapping {

    static final String RECORD_UID = "log.record.uid";
    static final String THREAD_NAME = "thread.name";
    static final String THREAD_ID = "thread.id";
    static final String EXCEPTION_TYPE = "exception.type";
    static final String EXCEPTION_MESSAGE = "exception.message";
    static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
    static final String CONTEXT_KEYS = "spool.context.keys";
    static final String METRIC_NAME = "spool.metric.name";
    static final String METRIC_VALUE = "spool.metric.value";
    static final String METRIC_UNIT = "spool.metric.unit";
    /** The prefix of a ledger's attributes: {@code spool.ledger.sent}, {@code spool.ledger.dropped.queue_full}, ... */
    static final String LEDGER = "spool.ledger.";
    static final String LEDGER_DROPPED = LEDGER + "dropped.";
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";
    static final String TRACE_FLAGS = "trace_flags";

    private OtlpMapping() {
    }
}
