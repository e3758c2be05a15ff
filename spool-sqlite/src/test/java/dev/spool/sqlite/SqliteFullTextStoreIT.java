package dev.spool.sqlite;

/** The store contract again with the FTS5 trigram index answering text criteria. */
class SqliteFullTextStoreIT extends SqliteStoreIT {

    @Override
    boolean fullText() {
        return true;
    }
}
