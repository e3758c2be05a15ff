package dev.spool.postgres;

/** The store contract again with the rows written by multi-row INSERT instead of COPY. */
class PostgresInsertStoreIT extends PostgresStoreIT {

    @Override
    String ingest() {
        return "insert";
    }
}
