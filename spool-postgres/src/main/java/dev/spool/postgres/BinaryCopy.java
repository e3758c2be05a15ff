package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.sql.SQLException;

/**
 * Rows in COPY's binary format ({@code COPY ... FROM STDIN (FORMAT binary)}): integers and the metric's
 * value as fixed-width big-endian numbers, text as UTF-8 behind its length, {@code jsonb} as version 1 and
 * the JSON text. Encoded straight into one reused byte buffer and sent in pieces of about
 * {@value #SEND_BYTES} bytes while the rows are encoded, so no batch-sized text or copy of it is made.
 *
 * <p>The rows hold text as {@link RowBatch} made it storable (no NUL, names and text cut); a lone
 * surrogate is sent as {@code ?}, as pgjdbc's text paths (text COPY, bound parameters) send it, so every
 * ingest path stores the same value. Single-threaded.
 */
final class BinaryCopy implements CopyFormat {

    static final int SEND_BYTES = 1 << 16;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
        0, 0, 0, 0, // flags: no OIDs
        0, 0, 0, 0}; // no header extension
    private static final int JSONB_VERSION = 1;

    private byte[] buf = new byte[SEND_BYTES + 1024];
    private int pos;

    @Override
    public long copy(CopyManager copy, String target, RowBatch rows, int from, int to, boolean metrics) throws SQLException {
        CopyIn in = copy.copyIn("COPY " + target + " FROM STDIN (FORMAT binary)");
        try {
            pos = 0;
            bytes(HEADER);
            for (int i = from; i < to; i++) {
                RowBatch.Row r = rows.row(i);
                if (r.isMetric() != metrics) {
                    continue;
                }
                if (metrics) {
                    metricRow(r);
                } else {
                    logRow(r);
                }
                if (pos >= SEND_BYTES) {
                    in.writeToCopy(buf, 0, pos);
                    pos = 0;
                }
            }
            int2(-1); // end of data
            in.writeToCopy(buf, 0, pos);
            return in.endCopy();
        } finally {
            pos = 0;
            if (buf.length > 4 * SEND_BYTES) {
                buf = new byte[SEND_BYTES + 1024]; // one huge row grew it: do not keep megabytes per writer
            }
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void logRow(RowBatch.Row r) {
        int2(RowBatch.LOG_COLUMN_COUNT);
        int8(r.timestampMicros());
        text(r.eventId());
        int4(2);
        int2(r.level());
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
        int2(RowBatch.METRIC_COLUMN_COUNT);
        int8(r.timestampMicros());
        text(r.eventId());
        text(r.name());
        int4(8);
        long bits = Double.doubleToRawLongBits(r.value());
        room(8);
        put8(bits);
        text(r.unit());
        jsonb(r.fields());
        text(r.service());
        text(r.host());
        int8(r.pid());
    }

    private void int8(long v) {
        room(12);
        put4(8);
        put8(v);
    }

    private void text(String s) {
        if (s == null) {
            int4(-1);
            return;
        }
        int start = pos;
        room(4);
        pos += 4; // the length, known once the text is encoded
        utf8(s);
        lengthAt(start);
    }

    private void jsonb(String json) {
        if (json == null) {
            int4(-1);
            return;
        }
        int start = pos;
        room(5);
        pos += 4;
        buf[pos++] = JSONB_VERSION;
        utf8(json);
        lengthAt(start);
    }

    /** Writes the length of the value that follows {@code start}'s four bytes into them. */
    private void lengthAt(int start) {
        int length = pos - start - 4;
        int end = pos;
        pos = start;
        put4(length);
        pos = end;
    }

    private void utf8(String s) {
        int n = s.length();
        room(n * 3); // a char takes at most 3 bytes; a pair 4 for 2 chars
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    int cp = Character.toCodePoint(c, low);
                    b[p++] = (byte) (0xf0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[p++] = (byte) (0x80 | cp & 0x3f);
                    i++;
                } else {
                    b[p++] = '?'; // what String.getBytes(UTF_8), and so pgjdbc, makes of a lone surrogate
                }
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        pos = p;
    }

    private void bytes(byte[] src) {
        room(src.length);
        System.arraycopy(src, 0, buf, pos, src.length);
        pos += src.length;
    }

    private void int2(int v) {
        room(2);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    private void int4(int v) {
        room(4);
        put4(v);
    }

    private void put4(int v) {
        buf[pos++] = (byte) (v >> 24);
        buf[pos++] = (byte) (v >> 16);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    private void put8(long v) {
        put4((int) (v >> 32));
        put4((int) v);
    }

    private void room(int bytes) {
        if (buf.length - pos < bytes) {
            byte[] grown = new byte[Math.max(buf.length * 2, pos + bytes)];
            System.arraycopy(buf, 0, grown, 0, pos);
            buf = grown;
        }
    }
}
