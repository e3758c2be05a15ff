package dev.spool.postgres;

/** The store contract again with the rows written by binary COPY ({@code ingest = binary}), default indexes. */
class PostgresBinaryStoreIT extends PostgresStoreIT {

    @Override
    String ingest() {
        return "binary";
    }
}
