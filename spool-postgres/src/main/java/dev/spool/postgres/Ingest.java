package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a batch's rows get into the tables, idempotently (a row whose {@code (ts, event_id)} is stored
 * already is skipped). The caller owns the transaction: this only executes statements in it.
 */
interface Ingest {

    /** Prepares what the connection needs (staging tables, statements); called once per connection. */
    void open(Connection c) throws SQLException;

    /** Inserts rows {@code [from, to)} of {@code rows}; returns how many were new (not stored already). */
    int insert(RowBatch rows, int from, int to) throws SQLException;

    /** Releases the statements of the connection. */
    void close();

    /** The path for {@code mode}: {@code copy}, {@code binary}, {@code stage} or {@code insert}. */
    static Ingest of(String mode) {
        switch (mode) {
            case "insert": return new InsertIngest();
            case "stage": return new CopyIngest(false, new TextCopy());
            case "binary": return new CopyIngest(true, new BinaryCopy());
            default: return new CopyIngest(true, new TextCopy());
        }
    }
}
