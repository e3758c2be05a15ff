package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.Reader;
import java.sql.SQLException;

/**
 * Rows in COPY's text format: tab-separated values, {@code \N} for null, backslash escapes for the
 * separators. The batch's text is built whole, then pgjdbc reads it through {@link PairKeepingReader} and
 * encodes it to UTF-8 piece by piece. Single-threaded.
 */
final class TextCopy implements CopyFormat {

    private final StringBuilder text = new StringBuilder(1 << 16);

    @Override
    public long copy(CopyManager copy, String target, RowBatch rows, int from, int to, boolean metrics) throws SQLException {
        text.setLength(0);
        for (int i = from; i < to; i++) {
            RowBatch.Row r = rows.row(i);
            if (r.isMetric() != metrics) {
                continue;
            }
            if (metrics) {
                metricLine(text, r);
            } else {
                logLine(text, r);
            }
        }
        try {
            return copy.copyIn("COPY " + target + " FROM STDIN", new PairKeepingReader(text));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), "08006", e);
        }
    }

    private static void logLine(StringBuilder out, RowBatch.Row r) {
        out.append(r.timestampMicros()).append('\t').append(r.eventId()).append('\t')
                .append(r.level()).append('\t');
        field(out, r.logger()).append('\t');
        field(out, r.thread()).append('\t').append(r.threadId()).append('\t');
        field(out, r.message()).append('\t');
        field(out, r.exception()).append('\t');
        field(out, r.fields()).append('\t');
        field(out, r.context()).append('\t');
        field(out, r.correlationId()).append('\t');
        field(out, r.service()).append('\t');
        field(out, r.host()).append('\t').append(r.pid()).append('\n');
    }

    private static void metricLine(StringBuilder out, RowBatch.Row r) {
        double value = r.value();
        out.append(r.timestampMicros()).append('\t').append(r.eventId()).append('\t');
        field(out, r.name()).append('\t');
        out.append(Double.isFinite(value) ? Double.toString(value) : value > 0 ? "Infinity"
                : value < 0 ? "-Infinity" : "NaN").append('\t');
        field(out, r.unit()).append('\t');
        field(out, r.fields()).append('\t');
        field(out, r.service()).append('\t');
        field(out, r.host()).append('\t').append(r.pid()).append('\n');
    }

    /** One value in COPY's text format: {@code \N} for null, backslash escapes for the separators. */
    private static StringBuilder field(StringBuilder out, String s) {
        if (s == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                default: out.append(c);
            }
        }
        return out;
    }

    /**
     * Reads a {@link StringBuilder} without copying it whole, and never ends a read between the two chars of
     * a surrogate pair: pgjdbc encodes each read on its own ({@code new String(chunk).getBytes(UTF_8)}), so a
     * pair cut at a read's end would be stored as {@code ??} (as it was with a {@code StringReader}, where a
     * pair straddled char 65,536 of a batch's text).
     */
    static final class PairKeepingReader extends Reader {
        private final StringBuilder text;
        private int next;

        PairKeepingReader(StringBuilder text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            int left = text.length() - next;
            if (left == 0) {
                return -1;
            }
            int n = Math.min(length, left);
            if (n < left && n > 1 && Character.isHighSurrogate(text.charAt(next + n - 1))) {
                n--; // the pair's low half follows: keep both for the next read
            }
            text.getChars(next, next + n, buffer, offset);
            next += n;
            return n;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
