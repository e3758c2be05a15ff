package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Rows in COPY's text format: tab-separated values, {@code \N} for null, backslash escapes for the
 * separators. Encoded straight to UTF-8 into a {@link CopyBuffer} and sent in pieces while the rows are
 * encoded: no batch-sized {@code StringBuilder}, no {@code char[]} pieces and their {@code String} and
 * {@code byte[]} copies, as when pgjdbc read and encoded the text (and no read can cut a surrogate pair,
 * which once stored an emoji across char 65,536 of a batch as {@code ??}). Single-threaded.
 */
final class TextCopy implements CopyFormat {

    private static final byte[] NOTHING = {};
    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFINITY = "Infinity".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MINUS_INFINITY = "-Infinity".getBytes(StandardCharsets.US_ASCII);

    private final CopyBuffer out = new CopyBuffer();
    private final CopyBuffer.RowEncoder encoder = (r, metric) -> {
        if (metric) {
            metricLine(r);
        } else {
            logLine(r);
        }
    };

    @Override
    public long copy(CopyManager copy, String target, RowBatch rows, int from, int to, boolean metrics) throws SQLException {
        return out.copyRows(copy, "COPY " + target + " FROM STDIN", rows, from, to, metrics, NOTHING, NOTHING,
                encoder);
    }

    private void logLine(RowBatch.Row r) {
        out.decimal(r.timestampMicros());
        tab();
        field(r.eventId());
        tab();
        out.decimal(r.level());
        tab();
        field(r.logger());
        tab();
        field(r.thread());
        tab();
        out.decimal(r.threadId());
        tab();
        field(r.message());
        tab();
        field(r.exception());
        tab();
        field(r.fields());
        tab();
        field(r.context());
        tab();
        field(r.correlationId());
        tab();
        field(r.service());
        tab();
        field(r.host());
        tab();
        out.decimal(r.pid());
        out.byte1('\n');
    }

    private void metricLine(RowBatch.Row r) {
        out.decimal(r.timestampMicros());
        tab();
        field(r.eventId());
        tab();
        field(r.name());
        tab();
        double value = r.value();
        if (Double.isFinite(value)) {
            out.utf8(Double.toString(value));
        } else {
            out.bytes(value > 0 ? INFINITY : value < 0 ? MINUS_INFINITY : NAN);
        }
        tab();
        field(r.unit());
        tab();
        field(r.fields());
        tab();
        field(r.service());
        tab();
        field(r.host());
        tab();
        out.decimal(r.pid());
        out.byte1('\n');
    }

    private void tab() {
        out.byte1('\t');
    }

    /** One value in COPY's text format: {@code \N} for null, backslash escapes for the separators. */
    private void field(String s) {
        if (s == null) {
            out.bytes(NULL);
        } else {
            out.copyText(s);
        }
    }
}
