package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The one byte buffer a {@link CopyFormat} encodes rows into, reused batch after batch and sent to the
 * server in pieces of about {@value #SEND_BYTES} bytes while the rows are encoded: no batch-sized text,
 * {@code String} or copy of it is made. Text is encoded to UTF-8 here, a lone surrogate as {@code ?}
 * (what {@code String.getBytes(UTF_8)}, and so pgjdbc's own text paths, make of it), so every ingest path
 * stores the same value. Single-threaded.
 */
final class CopyBuffer {

    static final int SEND_BYTES = 1 << 16;
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private byte[] buf = new byte[SEND_BYTES + 1024];
    private int pos;

    /** Encodes one row into the buffer. */
    interface RowEncoder {
        void row(RowBatch.Row row, boolean metric);
    }

    /**
     * One COPY of rows {@code [from, to)} of the kind asked for ({@code metrics} or log rows), each encoded
     * by {@code encoder} between {@code header} and {@code trailer} and sent in pieces as it goes. On any
     * failure the COPY is cancelled, so the server keeps none of it. Returns the rows the server took.
     */
    long copyRows(CopyManager copy, String sql, RowBatch rows, int from, int to, boolean metrics,
                  byte[] header, byte[] trailer, RowEncoder encoder) throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            reset();
            bytes(header);
            for (int i = from; i < to; i++) {
                RowBatch.Row r = rows.row(i);
                if (r.isMetric() == metrics) {
                    encoder.row(r, metrics);
                    sendIfFull(in);
                }
            }
            bytes(trailer);
            send(in);
            return in.endCopy();
        } finally {
            reset();
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Sends what is encoded once it reaches {@value #SEND_BYTES} bytes. */
    void sendIfFull(CopyIn in) throws SQLException {
        if (pos >= SEND_BYTES) {
            send(in);
        }
    }

    /** Sends everything encoded. */
    void send(CopyIn in) throws SQLException {
        in.writeToCopy(buf, 0, pos);
        pos = 0;
    }

    /** Forgets what is encoded; a buffer one huge row grew is dropped, so a writer does not keep megabytes. */
    void reset() {
        pos = 0;
        if (buf.length > 4 * SEND_BYTES) {
            buf = new byte[SEND_BYTES + 1024];
        }
    }

    int position() {
        return pos;
    }

    /** The bytes encoded since the last send (for tests). */
    byte[] pending() {
        return Arrays.copyOf(buf, pos);
    }

    void skip(int bytes) {
        room(bytes);
        pos += bytes;
    }

    void byte1(int b) {
        room(1);
        buf[pos++] = (byte) b;
    }

    void bytes(byte[] src) {
        room(src.length);
        System.arraycopy(src, 0, buf, pos, src.length);
        pos += src.length;
    }

    void int2(int v) {
        room(2);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    void int4(int v) {
        room(4);
        put4(v);
    }

    void int8(long v) {
        room(8);
        put4((int) (v >> 32));
        put4((int) v);
    }

    /** Writes {@code v} big-endian at {@code at}, over bytes written before (a length known only later). */
    void int4At(int at, int v) {
        buf[at] = (byte) (v >> 24);
        buf[at + 1] = (byte) (v >> 16);
        buf[at + 2] = (byte) (v >> 8);
        buf[at + 3] = (byte) v;
    }

    private void put4(int v) {
        buf[pos++] = (byte) (v >> 24);
        buf[pos++] = (byte) (v >> 16);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    /** {@code v} in decimal ASCII, as {@link Long#toString(long)} writes it; two digits a division. */
    void decimal(long v) {
        if (v == Long.MIN_VALUE) {
            bytes(MIN_LONG); // its magnitude does not fit a long
            return;
        }
        room(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int p = pos + digits(v);
        pos = p;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            buf[--p] = (byte) ('0' + r % 10);
            buf[--p] = (byte) ('0' + r / 10);
            v = q;
        }
        buf[--p] = (byte) ('0' + v % 10);
        if (v >= 10) {
            buf[--p] = (byte) ('0' + v / 10);
        }
    }

    /** How many decimal digits {@code v >= 0} has: from its bit length, corrected by one comparison. */
    static int digits(long v) {
        int guess = (64 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12; // bits * log10(2), never over the answer
        return Math.max(1, guess + (v >= POWERS_OF_TEN[guess] ? 1 : 0));
    }

    /** {@code s} as UTF-8. */
    void utf8(String s) {
        encode(s, false);
    }

    /** {@code s} as UTF-8 with text COPY's escapes for backslash, tab, newline and carriage return. */
    void copyText(String s) {
        encode(s, true);
    }

    private void encode(String s, boolean escape) {
        int n = s.length();
        room(n * 3); // a char takes at most 3 bytes (an escape 2, a pair 4 for its 2 chars)
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (escape && (c < 0x20 || c == '\\')) {
                    p = escaped(b, p, c);
                } else {
                    b[p++] = (byte) c;
                }
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
                    b[p++] = '?';
                }
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        pos = p;
    }

    /** The separators text COPY would misread, escaped; other control chars are taken as they are. */
    private static int escaped(byte[] b, int p, char c) {
        switch (c) {
            case '\\': b[p++] = '\\'; b[p++] = '\\'; break;
            case '\t': b[p++] = '\\'; b[p++] = 't'; break;
            case '\n': b[p++] = '\\'; b[p++] = 'n'; break;
            case '\r': b[p++] = '\\'; b[p++] = 'r'; break;
            default: b[p++] = (byte) c;
        }
        return p;
    }

    private void room(int bytes) {
        if (buf.length - pos < bytes) {
            byte[] grown = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * buf.length, (long) pos + bytes))];
            System.arraycopy(buf, 0, grown, 0, pos);
            buf = grown;
        }
    }
}
