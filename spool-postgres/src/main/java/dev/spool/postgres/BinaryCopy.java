package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.copy.CopyManager;

import java.sql.SQLException;

/**
 * Rows in COPY's binary format ({@code COPY ... FROM STDIN (FORMAT binary)}): integers and the metric's
 * value as fixed-width big-endian numbers, text as UTF-8 behind its length, {@code jsonb} as version 1 and
 * the JSON text, encoded into a {@link CopyBuffer} and sent in pieces while the rows are encoded.
 *
 * <p>The rows hold text as {@link RowBatch} made it storable (no NUL, names and text cut); a lone
 * surrogate is sent as {@code ?}, as pgjdbc's text paths (text COPY, bound parameters) send it, so every
 * ingest path stores the same value. Single-threaded.
 */
final class BinaryCopy implements CopyFormat {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, // flags: no OIDs
        0, 0, 0, 0}; // no header extension
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff}; // a field count of -1: end of data
    private static final int JSONB_VERSION = 1;

    private final CopyBuffer out = new CopyBuffer();
    private final CopyBuffer.RowEncoder encoder = (r, metric) -> {
        if (metric) {
            metricRow(r);
        } else {
            logRow(r);
        }
    };

    @Override
    public long copy(CopyManager copy, String target, RowBatch rows, int from, int to, boolean metrics) throws SQLException {
        return out.copyRows(copy, "COPY " + target + " FROM STDIN (FORMAT binary)", rows, from, to, metrics,
                HEADER, TRAILER, encoder);
    }

    private void logRow(RowBatch.Row r) {
        out.int2(RowBatch.LOG_COLUMN_COUNT);
        int8(r.timestampMicros());
        text(r.eventId());
        out.int4(2);
        out.int2(r.level());
        text(r.logger());
        text(r.thread());
        int8(r.threadId());
        text(r.message());
        text(r.exception());
        jsonb(r.fields());
        jsonb(r.context());
        text(r.correlationId());
        text(r.service());
        text(r.host());
        int8(r.pid());
    }

    private void metricRow(RowBatch.Row r) {
        out.int2(RowBatch.METRIC_COLUMN_COUNT);
        int8(r.timestampMicros());
        text(r.eventId());
        text(r.name());
        out.int4(8);
        out.int8(Double.doubleToRawLongBits(r.value()));
        text(r.unit());
        jsonb(r.fields());
        text(r.service());
        text(r.host());
        int8(r.pid());
    }

    private void int8(long v) {
        out.int4(8);
        out.int8(v);
    }

    private void text(String s) {
        if (s == null) {
            out.int4(-1);
            return;
        }
        int start = out.position();
        out.skip(4); // the length, known once the text is encoded
        out.utf8(s);
        out.int4At(start, out.position() - start - 4);
    }

    private void jsonb(String json) {
        if (json == null) {
            out.int4(-1);
            return;
        }
        int start = out.position();
        out.skip(4);
        out.byte1(JSONB_VERSION);
        out.utf8(json);
        out.int4At(start, out.position() - start - 4);
    }
}
