package dev.spool.sqlite;

import dev.spool.store.jdbc.RowBatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;

/**
 * The multi-row INSERTs of {@code logs}, one for each shape a chunk of rows can have: a nullable column
 * that no row of the chunk fills (exception, fields, context, correlation id) is left out of the statement,
 * so SQLite stores NULL without a value being bound; service, host and pid are bound once for the whole
 * statement when every row of the chunk has the same ones, and so are level, logger, thread and thread id
 * (numbered parameters referenced by each row). The stored rows are the same as with every column bound;
 * what changes is the number of values handed to the driver, each one a call into native code
 * (docs/decisions/sqlite-rate.md). A statement is prepared the first time its shape occurs and kept (at most
 * {@link #SHAPES}). Single-threaded.
 */
final class LogShapes implements AutoCloseable {

    private static final int EXCEPTION = 1;
    private static final int FIELDS = 2;
    private static final int CONTEXT = 4;
    private static final int CORRELATION = 8;
    private static final int SHARED_RESOURCE = 16;
    private static final int SHARED_SOURCE = 32;
    static final int SHAPES = 64;
    private static final String[] NULLABLE = {"exception", "fields", "context", "correlation_id"};

    private final Connection connection;
    private final int rowsPerStatement;
    private final PreparedStatement[] statements = new PreparedStatement[SHAPES];

    LogShapes(Connection connection, int rowsPerStatement) {
        this.connection = connection;
        this.rowsPerStatement = rowsPerStatement;
    }

    /** The shape of the {@code count} rows of {@code rows} at {@code index[from]} onwards. */
    static int shapeOf(RowBatch rows, int[] index, int from, int count) {
        RowBatch.Row first = rows.row(index[from]);
        int shape = SHARED_RESOURCE | SHARED_SOURCE;
        for (int i = from; i < from + count; i++) {
            RowBatch.Row r = rows.row(index[i]);
            shape |= (r.exception() == null ? 0 : EXCEPTION) | (r.fields() == null ? 0 : FIELDS)
                    | (r.context() == null ? 0 : CONTEXT) | (r.correlationId() == null ? 0 : CORRELATION);
            if (r.pid() != first.pid() || !Objects.equals(r.service(), first.service())
                    || !Objects.equals(r.host(), first.host())) {
                shape &= ~SHARED_RESOURCE;
            }
            if (r.level() != first.level() || r.threadId() != first.threadId()
                    || !Objects.equals(r.logger(), first.logger()) || !Objects.equals(r.thread(), first.thread())) {
                shape &= ~SHARED_SOURCE;
            }
        }
        return shape;
    }

    /** The statement for {@code shape}, prepared on first use. */
    PreparedStatement statement(int shape) throws SQLException {
        PreparedStatement s = statements[shape];
        if (s == null) {
            s = connection.prepareStatement(sql(shape, rowsPerStatement));
            statements[shape] = s;
        }
        return s;
    }

    /** Binds the chunk's rows (as {@link #shapeOf} saw them) into {@code s}, which has {@code shape}. */
    void bind(PreparedStatement s, int shape, RowBatch rows, int[] index, int from) throws SQLException {
        boolean ownSource = (shape & SHARED_SOURCE) == 0;
        boolean ownResource = (shape & SHARED_RESOURCE) == 0;
        int p = 1;
        for (int i = from; i < from + rowsPerStatement; i++) {
            RowBatch.Row r = rows.row(index[i]);
            s.setLong(p++, r.timestampMicros());
            s.setString(p++, r.eventId());
            if (ownSource) {
                bindSource(s, p, r);
                p += 4;
            }
            s.setString(p++, r.message());
            p = nullable(s, p, shape, EXCEPTION, r.exception());
            p = nullable(s, p, shape, FIELDS, r.fields());
            p = nullable(s, p, shape, CONTEXT, r.context());
            p = nullable(s, p, shape, CORRELATION, r.correlationId());
            if (ownResource) {
                bindResource(s, p, r);
                p += 3;
            }
        }
        RowBatch.Row first = rows.row(index[from]);
        if (!ownSource) {
            bindSource(s, p, first);
            p += 4;
        }
        if (!ownResource) {
            bindResource(s, p, first);
        }
    }

    private static int nullable(PreparedStatement s, int p, int shape, int column, String value) throws SQLException {
        if ((shape & column) == 0) {
            return p;
        }
        if (value == null) {
            s.setNull(p, Types.VARCHAR);
        } else {
            s.setString(p, value);
        }
        return p + 1;
    }

    private static void bindSource(PreparedStatement s, int p, RowBatch.Row r) throws SQLException {
        s.setInt(p, r.level());
        s.setString(p + 1, r.logger());
        s.setString(p + 2, r.thread());
        s.setLong(p + 3, r.threadId());
    }

    private static void bindResource(PreparedStatement s, int p, RowBatch.Row r) throws SQLException {
        s.setString(p, r.service());
        s.setString(p + 1, r.host());
        s.setLong(p + 2, r.pid());
    }

    /**
     * The INSERT of {@code rows} rows of {@code shape}, every parameter numbered ({@code ?N}): each row's own
     * values in the order {@link #bind} binds them, then the shared ones (source, then resource).
     */
    static String sql(int shape, int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO logs (ts, event_id, level, logger, thread, thread_id,"
                + " message");
        int optional = 0;
        for (int c = 0; c < NULLABLE.length; c++) {
            if ((shape & (1 << c)) != 0) {
                sql.append(", ").append(NULLABLE[c]);
                optional++;
            }
        }
        sql.append(", service, host, pid) VALUES ");
        boolean ownSource = (shape & SHARED_SOURCE) == 0;
        boolean ownResource = (shape & SHARED_RESOURCE) == 0;
        int perRow = 3 + optional + (ownSource ? 4 : 0) + (ownResource ? 3 : 0);
        int shared = rows * perRow + 1;
        int source = shared;
        int resource = ownSource ? shared : shared + 4;
        int p = 1;
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            sql.append('?').append(p++).append(", ?").append(p++); // ts, event_id
            p = parameters(sql, ownSource ? p : source, 4, p, ownSource); // level, logger, thread, thread_id
            sql.append(", ?").append(p++); // message
            p = parameters(sql, p, optional, p, true);
            p = parameters(sql, ownResource ? p : resource, 3, p, ownResource); // service, host, pid
            sql.append(')');
        }
        return sql.append(" ON CONFLICT (event_id) DO NOTHING").toString();
    }

    /** Appends {@code count} parameters numbered from {@code first}; returns the row's next own number. */
    private static int parameters(StringBuilder sql, int first, int count, int next, boolean own) {
        for (int i = 0; i < count; i++) {
            sql.append(", ?").append(first + i);
        }
        return own ? next + count : next;
    }

    /** Drops the rows added to any statement's batch (after a failed insert). */
    void clearBatches() throws SQLException {
        for (PreparedStatement s : statements) {
            if (s != null) {
                s.clearBatch();
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < statements.length; i++) {
            Database.closeQuietly(statements[i]);
            statements[i] = null;
        }
    }
}
