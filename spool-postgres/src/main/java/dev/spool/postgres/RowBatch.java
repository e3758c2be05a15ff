package dev.spool.postgres;

import dev.spool.store.ExceptionText;
import dev.spool.store.FlatJson;
import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;

import java.util.Arrays;

/**
 * The rows of the open batch, copied out of the events (whose views the pipeline reuses) into holders
 * allocated once and made storable ({@link Text}). Kept until their transaction commits, so a failed
 * commit loses nothing: it is retried.
 */
final class RowBatch {

    /**
     * Longest logger, thread, correlation id, service, host, metric name or unit kept. These are btree
     * keys, and a btree entry over about 2700 bytes fails the insert; 500 chars stay below in any UTF-8.
     */
    static final int MAX_NAME_CHARS = 500;

    private final Row[] rows;
    private final int maxTextChars;
    private final StringBuilder scratch = new StringBuilder(256);
    private final char[] idChars = new char[EventId.TEXT_LENGTH];
    private long[] days = new long[4];
    private int dayCount;
    private volatile int size; // read by other threads through hasBacklog

    RowBatch(int capacity, int maxTextChars) {
        this.rows = new Row[capacity];
        this.maxTextChars = maxTextChars;
        for (int i = 0; i < capacity; i++) {
            rows[i] = new Row();
        }
    }

    int size() {
        return size;
    }

    int capacity() {
        return rows.length;
    }

    boolean isFull() {
        return size == rows.length;
    }

    Row row(int index) {
        return rows[index];
    }

    /** The distinct UTC days (epoch days) of the rows, in {@code [0, dayCount())}. */
    long[] days() {
        return days;
    }

    int dayCount() {
        return dayCount;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            rows[i].release();
        }
        size = 0;
        dayCount = 0;
    }

    /** Copies {@code event}; the caller checks {@link #isFull()} first. */
    void add(LogEvent event) {
        Row r = rows[size];
        EventId.encode(event.idHigh(), event.idLow(), idChars, 0);
        r.eventId = new String(idChars);
        r.timestampMicros = event.timestampMicros();
        r.metric = event.kind() == EventKind.METRIC;
        Resource resource = event.resource();
        r.service = Text.storable(resource.service(), MAX_NAME_CHARS);
        r.host = Text.storable(resource.host(), MAX_NAME_CHARS);
        r.pid = resource.pid();
        r.fields = FlatJson.NUL_REPLACED.fields(event, scratch);
        if (r.metric) {
            r.name = Text.storable(event.metricName(), MAX_NAME_CHARS);
            r.value = event.metricValue();
            r.unit = event.metricUnit() == null ? "" : Text.storable(event.metricUnit(), MAX_NAME_CHARS);
        } else {
            copyLog(event, r);
        }
        noteDay(Partitions.day(r.timestampMicros));
        size = size + 1; // single writer
    }

    private void copyLog(LogEvent event, Row r) {
        r.level = event.level().ordinal();
        r.logger = Text.storable(event.logger(), MAX_NAME_CHARS);
        r.thread = Text.storable(event.threadName(), MAX_NAME_CHARS);
        r.threadId = event.threadId();
        r.message = Text.storable(event.message().toString(), maxTextChars);
        r.exception = Text.storable(ExceptionText.of(event.throwable(), scratch), maxTextChars);
        r.context = FlatJson.NUL_REPLACED.context(event.context(), scratch);
        r.correlationId = Text.storable(event.context().get(Context.CORRELATION_ID), MAX_NAME_CHARS);
    }

    private void noteDay(long day) {
        for (int i = 0; i < dayCount; i++) {
            if (days[i] == day) {
                return;
            }
        }
        if (dayCount == days.length) {
            days = Arrays.copyOf(days, dayCount * 2);
        }
        days[dayCount++] = day;
    }

    /** One row's values; a log row leaves the metric values unused and the other way round. */
    static final class Row {
        boolean metric;
        String eventId;
        long timestampMicros;
        int level;
        String logger;
        String thread;
        long threadId;
        String message;
        String exception;
        String fields;
        String context;
        String correlationId;
        String name;
        double value;
        String unit;
        String service;
        String host;
        long pid;

        /** Drops references so a committed batch's strings can be collected. */
        void release() {
            eventId = logger = thread = message = exception = fields = context = correlationId = name = unit = null;
            service = host = null;
        }
    }
}
