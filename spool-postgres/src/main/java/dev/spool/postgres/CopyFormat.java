package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.copy.CopyManager;

import java.sql.SQLException;

/** How {@link CopyIngest} puts rows on the wire: COPY's text format ({@link TextCopy}) or its binary one ({@link BinaryCopy}). */
interface CopyFormat {

    /**
     * COPYs the log rows (or, with {@code metrics}, the metric rows) among {@code [from, to)} of {@code rows}
     * into {@code target} ({@code table (columns)}) in the caller's transaction; returns how many rows the
     * server took.
     *
     * @throws SQLException as the server refused the COPY (then nothing of it is stored)
     */
    long copy(CopyManager copy, String target, RowBatch rows, int from, int to, boolean metrics) throws SQLException;
}
