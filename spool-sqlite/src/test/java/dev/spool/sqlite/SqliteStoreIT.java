package dev.spool.sqlite;

import dev.spool.spi.LogEvent;
import dev.spool.store.LogStore;
import dev.spool.testkit.store.LogStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** The store contract against a real SQLite file written by the {@code sqlite} destination (LIKE text search). */
class SqliteStoreIT extends LogStoreContract {

    @TempDir
    Path dir;

    private int files;

    /** Whether the database gets the FTS5 trigram index. */
    boolean fullText() {
        return false;
    }

    /** The field keys the database indexes. */
    List<String> indexedFields() {
        return List.of();
    }

    @Override
    protected LogStore storeWith(List<LogEvent> events) throws Exception {
        Path db = dir.resolve("store-" + (++files) + ".db");
        try (SqliteSink sink = SqliteSink.open(SqliteSettings.defaults(db).withFullText(fullText())
                .withIndexedFields(indexedFields()), "test")) {
            for (LogEvent e : events) {
                sink.write(e);
            }
        } // close commits the open batch
        return SqliteStore.open(db);
    }
}
