package dev.spool.postgres;

import java.util.Set;

/**
 * The store contract again with the rows written by multi-row INSERT instead of COPY, into a database with
 * every optional index (the COPY run has the default ones), so the answers hold whichever indexes exist.
 */
class PostgresInsertStoreIT extends PostgresStoreIT {

    @Override
    String ingest() {
        return "insert";
    }

    @Override
    Set<String> indexes() {
        return Indexes.OPTIONAL.keySet();
    }
}
