package dev.spool.postgres;

import dev.spool.spi.LogEvent;
import dev.spool.store.LogStore;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.TestDatabase;
import dev.spool.testkit.store.LogStoreContract;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The store contract against a real PostgreSQL database written by the {@code postgres} destination (COPY path). */
class PostgresStoreIT extends LogStoreContract {

    @TestDatabase
    private static String url;

    /** The ingest path under test. */
    String ingest() {
        return "copy";
    }

    /** The optional indexes the database has: the default set, so most criteria are answered by scanning. */
    Set<String> indexes() {
        return Indexes.DEFAULT;
    }

    @Override
    protected LogStore storeWith(List<LogEvent> events) throws Exception {
        emptyTables();
        PostgresSettings settings = PostgresSettings.defaults(url).withIngest(ingest()).withBatch(3, Duration.ofHours(1))
                .withIndexes(indexes());
        try (PostgresSink sink = PostgresSink.open(settings, "test")) {
            for (LogEvent e : events) {
                sink.write(e);
            }
        } // close commits the open batch
        return PostgresStore.open(url);
    }

    /** PostgreSQL's text and jsonb cannot hold NUL: the rows keep U+FFFD instead. */
    @Override
    protected String asStored(String text) {
        return text.replace('\0', '\uFFFD');
    }

    /** Starts each test from empty tables, with no partitions left by the previous one. */
    private static void emptyTables() throws SQLException {
        PostgresServer.dropTables(url);
    }
}
