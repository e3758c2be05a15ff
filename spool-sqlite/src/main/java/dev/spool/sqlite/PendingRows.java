package dev.spool.sqlite;

import dev.spool.store.FlatJson;
import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The rows of the open batch, copied out of the events (whose views the pipeline reuses) into holders
 * allocated once. Kept until their transaction commits, so a failed commit loses nothing: it is retried.
 */
final class PendingRows {

    static final String INSERT_LOG = "INSERT OR IGNORE INTO logs (event_id, ts, level, logger, thread, thread_id,"
            + " message, exception, fields, context, correlation_id, service, host, pid)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_METRIC = "INSERT OR IGNORE INTO metrics (event_id, ts, name, value, unit, tags,"
            + " service, host, pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Row[] rows;
    private final StringBuilder scratch = new StringBuilder(256);
    private final char[] idChars = new char[EventId.TEXT_LENGTH];
    private volatile int size; // read by the stats thread through hasBacklog

    PendingRows(int capacity) {
        rows = new Row[capacity];
        for (int i = 0; i < capacity; i++) {
            rows[i] = new Row();
        }
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == rows.length;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            rows[i].release();
        }
        size = 0;
    }

    /** Copies {@code event}; the caller checks {@link #isFull()} first. */
    void add(LogEvent event) {
        Row r = rows[size];
        EventId.encode(event.idHigh(), event.idLow(), idChars, 0);
        r.eventId = new String(idChars);
        r.timestampMicros = event.timestampMicros();
        r.metric = event.kind() == EventKind.METRIC;
        Resource resource = event.resource();
        r.service = resource.service();
        r.host = resource.host();
        r.pid = resource.pid();
        if (r.metric) {
            r.name = event.metricName();
            r.value = event.metricValue();
            r.unit = event.metricUnit() == null ? "" : event.metricUnit();
            r.fields = FlatJson.STANDARD.fields(event, scratch);
        } else {
            copyLog(event, r);
        }
        size = size + 1; // single writer
    }

    private void copyLog(LogEvent event, Row r) {
        r.level = event.level().ordinal();
        r.logger = event.logger();
        r.thread = event.threadName();
        r.threadId = event.threadId();
        r.message = event.message().toString();
        r.exception = ExceptionText.of(event.throwable(), scratch);
        r.fields = FlatJson.STANDARD.fields(event, scratch);
        r.context = FlatJson.STANDARD.context(event.context(), scratch);
        r.correlationId = event.context().get(Context.CORRELATION_ID);
    }

    /**
     * Executes every pending row's insert as two JDBC batches (sqlite-jdbc runs a batch in one native call
     * instead of one per row); the caller owns the transaction.
     */
    void insertAll(PreparedStatement logs, PreparedStatement metrics) throws SQLException {
        boolean anyLog = false;
        boolean anyMetric = false;
        for (int i = 0; i < size; i++) {
            Row r = rows[i];
            if (r.metric) {
                bindMetric(metrics, r);
                metrics.addBatch();
                anyMetric = true;
            } else {
                bindLog(logs, r);
                logs.addBatch();
                anyLog = true;
            }
        }
        if (anyLog) {
            logs.executeBatch();
        }
        if (anyMetric) {
            metrics.executeBatch();
        }
    }

    private static void bindLog(PreparedStatement s, Row r) throws SQLException {
        s.setString(1, r.eventId);
        s.setLong(2, r.timestampMicros);
        s.setInt(3, r.level);
        s.setString(4, r.logger);
        s.setString(5, r.thread);
        s.setLong(6, r.threadId);
        s.setString(7, r.message);
        nullable(s, 8, r.exception);
        nullable(s, 9, r.fields);
        nullable(s, 10, r.context);
        nullable(s, 11, r.correlationId);
        s.setString(12, r.service);
        s.setString(13, r.host);
        s.setLong(14, r.pid);
    }

    private static void bindMetric(PreparedStatement s, Row r) throws SQLException {
        s.setString(1, r.eventId);
        s.setLong(2, r.timestampMicros);
        s.setString(3, r.name);
        s.setDouble(4, r.value);
        s.setString(5, r.unit);
        nullable(s, 6, r.fields);
        s.setString(7, r.service);
        s.setString(8, r.host);
        s.setLong(9, r.pid);
    }

    private static void nullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    /** One row's values; a log row leaves the metric values unused and the other way round. */
    private static final class Row {
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
