package dev.spool.sqlite;

import dev.spool.EventId;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.LogStores;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sqlite:FILE} through the store SPI: found by its scheme, opening real files. */
class SqliteStoreProviderIT {

    @TempDir
    Path dir;

    @Test
    void aSqliteUrlIsOpenedByThisProvider() {
        assertThat(LogStores.check("sqlite:logs/spool.db", "store")).isInstanceOf(SqliteStoreProvider.class);
    }

    @Test
    void aWriterAndAStoreOpenedByUrlShareTheFile() {
        String url = "sqlite:" + dir.resolve("sub/spool.db");
        TestEvent event = TestEvent.event().id(EventId.high(1_763_769_301_123L), 7).message("through the SPI");
        try (StoreWriter writer = LogStores.openWriter(url)) {
            assertThat(writer.write(List.of(event))).isEqualTo(new WriteResult(1, 0, List.of()));
            assertThat(writer.describe()).isEqualTo("SQLite database " + dir.resolve("sub/spool.db").toAbsolutePath());
        }
        try (LogStore store = LogStores.open(url)) {
            assertThat(store.query(LogQuery.all()).records()).singleElement()
                    .satisfies(r -> assertThat(r.message()).isEqualTo("through the SPI"));
        }
    }

    @Test
    void aMissingFileOrPathSaysSo() {
        assertThatThrownBy(() -> LogStores.open("sqlite:" + dir.resolve("none.db"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("no SQLite database at");
        assertThatThrownBy(() -> LogStores.open("sqlite:")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad value 'sqlite:' for store: expected sqlite:FILE (for example sqlite:logs/spool.db)");
    }
}
