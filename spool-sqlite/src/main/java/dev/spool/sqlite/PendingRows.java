package dev.spool.sqlite;

import dev.spool.store.ExceptionText;
import dev.spool.store.FlatJson;
import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * The rows of the open batch, copied out of the events (whose views the pipeline reuses) into holders
 * allocated once. Kept until their transaction commits, so a failed commit loses nothing: it is retried.
 */
final class PendingRows {

    /** A row's outcome after {@link #insertAll}: stored, skipped as a replay, or refused for its content. */
    static final int STORED = 1;
    static final int DUPLICATE = 0;
    static final int REFUSED = -1;

    private Row[] rows;
    private final StringBuilder scratch = new StringBuilder(256);
    private final char[] idChars = new char[EventId.TEXT_LENGTH];
    private volatile int size; // read by the stats thread through hasBacklog

    PendingRows(int capacity) {
        rows = new Row[0];
        ensureCapacity(capacity);
    }

    /** Makes room for {@code capacity} rows in all; the holders are kept for later batches. */
    void ensureCapacity(int capacity) {
        if (capacity <= rows.length) {
            return;
        }
        Row[] grown = Arrays.copyOf(rows, capacity);
        for (int i = rows.length; i < capacity; i++) {
            grown[i] = new Row();
        }
        rows = grown;
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
     * Inserts every pending row and records each one's outcome ({@link #outcome}); the caller owns the
     * transaction. The rows go {@link InsertStatements#ROWS_PER_STATEMENT} to a statement, the statements
     * as one JDBC batch per table (sqlite-jdbc runs a batch in one native call). When fewer rows were stored
     * than given (some were replays) or SQLite refused a row for its content, the batches are undone to a
     * savepoint and the rows inserted one by one, which tells each row's outcome: refused rows are left out
     * with SQLite's reason, replays counted, the others stored.
     *
     * @throws SQLException for any other failure (lock, I/O, corrupt file): nothing is stored then
     */
    void insertAll(InsertStatements s) throws SQLException {
        s.control.execute("SAVEPOINT rows");
        boolean allStored;
        try {
            allStored = insertBatches(s);
        } catch (SQLException e) {
            clearBatches(s);
            if (!Database.isContentError(e)) {
                throw e; // the caller rolls the transaction back
            }
            allStored = false;
        }
        if (!allStored) {
            s.control.execute("ROLLBACK TO rows");
            insertOneByOne(s);
        }
        s.control.execute("RELEASE rows");
    }

    /** Returns whether every row was stored (then each row's outcome is {@link #STORED}). */
    private boolean insertBatches(InsertStatements s) throws SQLException {
        int logRows = 0;
        for (int i = 0; i < size; i++) {
            logRows += rows[i].metric ? 0 : 1;
        }
        int metricRows = size - logRows;
        int logsInMulti = logRows - logRows % InsertStatements.ROWS_PER_STATEMENT;
        int metricsInMulti = metricRows - metricRows % InsertStatements.ROWS_PER_STATEMENT;
        int l = 0;
        int m = 0;
        for (int i = 0; i < size; i++) {
            Row r = rows[i];
            if (r.metric) {
                add(r, m++, metricsInMulti, s.metrics, s.metric);
            } else {
                add(r, l++, logsInMulti, s.logs, s.log);
            }
            r.outcome = STORED;
            r.refusal = null;
        }
        long stored = sum(logRows == 0 ? null : s.logs, logsInMulti) + sum(s.log, logRows - logsInMulti)
                + sum(metricRows == 0 ? null : s.metrics, metricsInMulti) + sum(s.metric, metricRows - metricsInMulti);
        return stored == size;
    }

    /** Binds the {@code nth} row of its table into the multi-row statement while it fills whole ones, else the single. */
    private static void add(Row r, int nth, int inMulti, PreparedStatement multi, PreparedStatement single)
            throws SQLException {
        int columns = r.metric ? InsertStatements.METRIC_COLUMNS : InsertStatements.LOG_COLUMNS;
        PreparedStatement s = nth < inMulti ? multi : single;
        int slot = nth < inMulti ? nth % InsertStatements.ROWS_PER_STATEMENT : 0;
        if (r.metric) {
            bindMetric(s, slot * columns, r);
        } else {
            bindLog(s, slot * columns, r);
        }
        if (slot == (nth < inMulti ? InsertStatements.ROWS_PER_STATEMENT - 1 : 0)) {
            s.addBatch();
        }
    }

    private static long sum(PreparedStatement s, int rows) throws SQLException {
        if (s == null || rows == 0) {
            return 0;
        }
        long changes = 0;
        for (int c : s.executeBatch()) {
            changes += c;
        }
        return changes;
    }

    private static void clearBatches(InsertStatements s) throws SQLException {
        s.logs.clearBatch();
        s.log.clearBatch();
        s.metrics.clearBatch();
        s.metric.clearBatch();
    }

    private void insertOneByOne(InsertStatements statements) throws SQLException {
        for (int i = 0; i < size; i++) {
            Row r = rows[i];
            PreparedStatement s = r.metric ? statements.metric : statements.log;
            try {
                if (r.metric) {
                    bindMetric(s, 0, r);
                } else {
                    bindLog(s, 0, r);
                }
                r.outcome = s.executeUpdate() > 0 ? STORED : DUPLICATE;
                r.refusal = null;
            } catch (SQLException e) {
                if (!Database.isContentError(e)) {
                    throw e;
                }
                r.outcome = REFUSED; // SQLite undid this statement only; the transaction goes on
                r.refusal = e.getMessage();
            }
        }
    }

    /** {@link #STORED}, {@link #DUPLICATE} or {@link #REFUSED}: what the last {@link #insertAll} did with row {@code i}. */
    int outcome(int i) {
        return rows[i].outcome;
    }

    /** Why SQLite refused row {@code i}, when {@link #outcome} says it did. */
    String refusal(int i) {
        return rows[i].refusal;
    }

    private static void bindLog(PreparedStatement s, int o, Row r) throws SQLException {
        s.setString(o + 1, r.eventId);
        s.setLong(o + 2, r.timestampMicros);
        s.setInt(o + 3, r.level);
        s.setString(o + 4, r.logger);
        s.setString(o + 5, r.thread);
        s.setLong(o + 6, r.threadId);
        s.setString(o + 7, r.message);
        nullable(s, o + 8, r.exception);
        nullable(s, o + 9, r.fields);
        nullable(s, o + 10, r.context);
        nullable(s, o + 11, r.correlationId);
        s.setString(o + 12, r.service);
        s.setString(o + 13, r.host);
        s.setLong(o + 14, r.pid);
    }

    private static void bindMetric(PreparedStatement s, int o, Row r) throws SQLException {
        s.setString(o + 1, r.eventId);
        s.setLong(o + 2, r.timestampMicros);
        s.setString(o + 3, r.name);
        s.setDouble(o + 4, r.value);
        s.setString(o + 5, r.unit);
        nullable(s, o + 6, r.fields);
        s.setString(o + 7, r.service);
        s.setString(o + 8, r.host);
        s.setLong(o + 9, r.pid);
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
        int outcome;
        String refusal;

        /** Drops references so a committed batch's strings can be collected. */
        void release() {
            eventId = logger = thread = message = exception = fields = context = correlationId = name = unit = null;
            service = host = refusal = null;
        }
    }
}
