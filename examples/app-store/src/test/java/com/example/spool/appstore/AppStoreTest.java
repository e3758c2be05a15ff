package com.example.spool.appstore;

import dev.spool.EventId;
import dev.spool.store.LogPage;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.LogStores;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example scheme, used the way the CLI and the consumer use any store: by URL, through LogStores. */
class AppStoreTest {

    @TempDir
    Path dir;

    @BeforeEach
    void pointAtTheTemporaryDirectory() {
        System.setProperty(AppStoreProvider.DIR_PROPERTY, dir.toString());
    }

    @AfterEach
    void forget() {
        System.clearProperty(AppStoreProvider.DIR_PROPERTY);
    }

    @Test
    void writesAndQueriesAnAppStoreByItsShortUrl() {
        try (StoreWriter writer = LogStores.openWriter("app:orders")) {
            WriteResult result = writer.write(List.of(
                    TestEvent.event().id(EventId.high(1_763_769_301_123L), 1).message("paid"),
                    TestEvent.event().id(EventId.high(1_763_769_301_123L), 2).message("shipped")));
            assertThat(result.stored()).isEqualTo(2);
        }
        try (LogStore store = LogStores.open("app:orders")) {
            LogPage page = store.query(LogQuery.all());
            assertThat(page.records()).extracting(r -> r.message()).containsExactlyInAnyOrder("paid", "shipped");
        }
        assertThat(dir.resolve("orders.db")).isRegularFile();
    }

    @Test
    void refusesANameThatCouldLeaveTheDirectoryAndSaysWhatIsAccepted() {
        assertThatThrownBy(() -> LogStores.open("app:../etc/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app:NAME");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anUnknownSchemeListsThisFormBesideTheBuiltInOnes() {
        assertThatThrownBy(() -> LogStores.open("mongodb://x/y"))
                .hasMessageContaining("app:NAME").hasMessageContaining("sqlite:FILE");
    }
}
