package dev.spool.store;

import dev.spool.store.spi.StoreProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogStoresTest {

    private static final String FORMS = "probe:NAME or probe:deep:NAME";

    @Nested
    class Lookup {

        @Test
        void everyRegisteredProviderIsFoundOnceInTheOrderOfItsForm() {
            assertThat(LogStores.providers()).extracting(StoreProvider::describe)
                    .containsExactly("probe:NAME", "probe:deep:NAME");
        }

        @Test
        void aUrlGoesToTheProviderOfItsScheme() {
            assertThat(LogStores.check("probe:a", "store")).isExactlyInstanceOf(ProbeStoreProvider.class);
            assertThat(LogStores.check("probe:deeper", "store")).isExactlyInstanceOf(ProbeStoreProvider.class);
        }

        @Test
        void theLongestMatchingSchemeWins() {
            assertThat(LogStores.check("probe:deep:a", "store")).isExactlyInstanceOf(DeepProbeStoreProvider.class);
        }

        @Test
        void openingGoesThroughTheProvider() {
            assertThatThrownBy(() -> LogStores.open("probe:a")).isInstanceOf(StoreException.class)
                    .hasMessage("probe opened probe:a for queries");
            assertThatThrownBy(() -> LogStores.openWriter("probe:deep:b")).isInstanceOf(StoreException.class)
                    .hasMessage("probe:deep opened probe:deep:b for writing");
        }
    }

    @Nested
    class Errors {

        @Test
        void anUnknownSchemeNamesTheValueAndEveryFormAvailable() {
            assertThatThrownBy(() -> LogStores.check("mysql://localhost/spool", "store"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad value 'mysql://localhost/spool' for store: expected " + FORMS);
            assertThatThrownBy(() -> LogStores.open("probex:a")).hasMessageContaining("bad value 'probex:a'");
        }

        @Test
        void aUrlOfAKnownSchemeInTheWrongFormNamesThatProvidersForm() {
            assertThatThrownBy(() -> LogStores.check("probe:", "--store"))
                    .hasMessage("bad value 'probe:' for --store: expected probe:NAME");
        }

        @Test
        void aMissingUrlSaysWhatIsExpected() {
            assertThatThrownBy(() -> LogStores.check(null, "store")).hasMessage("missing store: expected " + FORMS);
            assertThatThrownBy(() -> LogStores.check(" ", "store")).hasMessage("missing store: expected " + FORMS);
        }

        @Test
        void aPasswordInTheUrlIsNotRepeated() {
            assertThatThrownBy(() -> LogStores.check("mysql://spool:secret@db:3306/logs?password=again&ssl=true", "store"))
                    .hasMessageStartingWith("bad value 'mysql://spool:***@db:3306/logs?password=***&ssl=true' for store")
                    .hasMessageNotContaining("secret").hasMessageNotContaining("again");
        }
    }

    @Test
    void displayMasksPasswordsAndLeavesOtherUrlsAlone() {
        assertThat(LogStores.display("postgresql://h:5432/spool?user=u&password=p")).isEqualTo("postgresql://h:5432/spool?user=u&password=***");
        assertThat(LogStores.display("postgresql://u:p@h/spool")).isEqualTo("postgresql://u:***@h/spool");
        assertThat(LogStores.display("postgresql://u@h/spool")).isEqualTo("postgresql://u@h/spool");
        assertThat(LogStores.display("sqlite:logs/a@b:c.db")).isEqualTo("sqlite:logs/a@b:c.db");
    }
}
