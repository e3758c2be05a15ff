package dev.spool.store;

import java.util.List;

/**
 * One page of query results.
 *
 * @param records    the matching events, in the query's order
 * @param nextCursor pass to {@link LogQuery.Builder#after(String)} for the next page; null when this page
 *                   was not full, so there is nothing more
 */
public record LogPage(List<LogRecord> records, String nextCursor) {

    public LogPage {
        records = List.copyOf(records);
    }
}
