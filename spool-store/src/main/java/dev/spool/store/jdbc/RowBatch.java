package dev.spool.store.jdbc;

import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.store.ExceptionText;
import dev.spool.store.FlatJson;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * The rows of an open batch, copied out of the events (whose views the pipeline reuses) into holders
 * allocated once and made storable by a {@link StorableText}. A store keeps them until their transaction
 * commits, so a failed commit loses nothing: it is retried.
 *
 * <p>Single writer: one thread adds, binds and clears; {@link #size()} may be read by other threads
 * (a sink's {@code hasBacklog}).
 */
public final class RowBatch {

    /** The columns of {@code logs} a row fills, in the order {@link Row#bindLog} binds them. */
    public static final String LOG_COLUMNS = "ts, event_id, level, logger, thread, thread_id, message, exception,"
            + " fields, context, correlation_id, service, host, pid";
    /** The columns of {@code metrics} a row fills, in the order {@link Row#bindMetric} binds them. */
    public static final String METRIC_COLUMNS = "ts, event_id, name, value, unit, tags, service, host, pid";
    /** How many {@link #LOG_COLUMNS} there are. */
    public static final int LOG_COLUMN_COUNT = 14;
    /** How many {@link #METRIC_COLUMNS} there are. */
    public static final int METRIC_COLUMN_COUNT = 9;

    private final StorableText text;
    private final FlatJson json;
    private final StringBuilder scratch = new StringBuilder(256);
    private final ByteBuilder bytes = new ByteBuilder(256);
    private final char[] idChars = new char[EventId.TEXT_LENGTH];
    private Row[] rows = new Row[0];
    private volatile int size; // read by other threads through a sink's hasBacklog

    /** A batch of {@code capacity} rows (it grows only through {@link #ensureCapacity}). */
    public RowBatch(int capacity, StorableText text) {
        this.text = text;
        this.json = text.json();
        ensureCapacity(capacity);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return rows.length;
    }

    public boolean isFull() {
        return size == rows.length;
    }

    /** Row {@code index}, in {@code [0, size())}. */
    public Row row(int index) {
        return rows[index];
    }

    /** Makes room for {@code capacity} rows in all; the holders are kept for later batches. */
    public void ensureCapacity(int capacity) {
        if (capacity <= rows.length) {
            return;
        }
        Row[] grown = Arrays.copyOf(rows, capacity);
        for (int i = rows.length; i < capacity; i++) {
            grown[i] = new Row();
        }
        rows = grown;
    }

    /** Empties the batch, dropping the rows' references so that their strings can be collected. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            rows[i].release();
        }
        size = 0;
    }

    /**
     * Copies {@code event} into the next row; the caller checks {@link #isFull()} first.
     *
     * @throws RuntimeException when the event cannot be read (then the batch is as it was)
     */
    public void add(LogEvent event) {
        Row r = rows[size];
        EventId.encode(event.idHigh(), event.idLow(), idChars, 0);
        r.eventId = new String(idChars);
        r.timestampMicros = event.timestampMicros();
        r.metric = event.kind() == EventKind.METRIC;
        Resource resource = event.resource();
        r.service = text.name(resource.service());
        r.host = text.name(resource.host());
        r.pid = resource.pid();
        r.fields = json.fields(event, scratch);
        if (r.metric) {
            r.name = text.name(event.metricName());
            r.value = event.metricValue();
            r.unit = event.metricUnit() == null ? "" : text.name(event.metricUnit());
        } else {
            copyLog(event, r);
        }
        size = size + 1; // single writer
    }

    private void copyLog(LogEvent event, Row r) {
        r.level = event.level().ordinal();
        r.logger = text.name(event.logger());
        r.thread = text.name(event.threadName());
        r.threadId = event.threadId();
        r.message = text.text(event.message().toString());
        r.exception = exception(event.throwable());
        r.context = json.context(event.context(), scratch);
        r.correlationId = text.name(event.context().get(Context.CORRELATION_ID));
    }

    /** The exception as JSON; as plain text, cut, when the JSON would not be kept whole (still readable). */
    private String exception(Throwable t) {
        String json = ExceptionText.json(t, bytes);
        return text.fitsText(json) ? text.text(json) : text.text(ExceptionText.of(t, scratch));
    }

    /** One row's values; a log row leaves the metric values unused and the other way round. */
    public static final class Row {
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

        Row() {
        }

        public boolean isMetric() { return metric; }
        public String eventId() { return eventId; }
        public long timestampMicros() { return timestampMicros; }
        /** The level's ordinal (TRACE 0 to FATAL 5). */
        public int level() { return level; }
        public String logger() { return logger; }
        public String thread() { return thread; }
        public long threadId() { return threadId; }
        public String message() { return message; }
        /** The exception as {@link ExceptionText} keeps it, or null. */
        public String exception() { return exception; }
        /** Fields (a metric's tags) as a flat JSON object, or null when there are none. */
        public String fields() { return fields; }
        /** Context as a flat JSON object, or null when it is empty. */
        public String context() { return context; }
        public String correlationId() { return correlationId; }
        public String name() { return name; }
        public double value() { return value; }
        public String unit() { return unit; }
        public String service() { return service; }
        public String host() { return host; }
        public long pid() { return pid; }

        /** Binds a log row's {@link #LOG_COLUMNS} from parameter {@code first}; returns the next free index. */
        public int bindLog(PreparedStatement s, int first) throws SQLException {
            int i = first;
            s.setLong(i++, timestampMicros);
            s.setString(i++, eventId);
            s.setInt(i++, level);
            s.setString(i++, logger);
            s.setString(i++, thread);
            s.setLong(i++, threadId);
            s.setString(i++, message);
            nullable(s, i++, exception);
            nullable(s, i++, fields);
            nullable(s, i++, context);
            nullable(s, i++, correlationId);
            s.setString(i++, service);
            s.setString(i++, host);
            s.setLong(i++, pid);
            return i;
        }

        /** Binds a metric row's {@link #METRIC_COLUMNS} from parameter {@code first}; returns the next free index. */
        public int bindMetric(PreparedStatement s, int first) throws SQLException {
            int i = first;
            s.setLong(i++, timestampMicros);
            s.setString(i++, eventId);
            s.setString(i++, name);
            s.setDouble(i++, value);
            s.setString(i++, unit);
            nullable(s, i++, fields);
            s.setString(i++, service);
            s.setString(i++, host);
            s.setLong(i++, pid);
            return i;
        }

        private static void nullable(PreparedStatement s, int index, String value) throws SQLException {
            if (value == null) {
                s.setNull(index, Types.VARCHAR);
            } else {
                s.setString(index, value);
            }
        }

        void release() {
            eventId = logger = thread = message = exception = fields = context = correlationId = name = unit = null;
            service = host = null;
        }
    }
}
