package dev.spool.cli.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreLocationTest {

    @Test
    void aPostgresqlUrlNamesAPostgresStore() {
        assertThat(StoreLocation.of("postgresql://127.0.0.1:5432/spool", null))
                .isEqualTo(new StoreLocation("postgresql://127.0.0.1:5432/spool"));
    }

    @Test
    void aSqliteUrlOrTheDbOptionNamesASqliteFile() {
        assertThat(StoreLocation.of("sqlite:logs/spool.db", null)).isEqualTo(new StoreLocation("sqlite:logs/spool.db"));
        assertThat(StoreLocation.of(null, Path.of("logs/spool.db"))).isEqualTo(new StoreLocation("sqlite:logs/spool.db"));
    }

    @Test
    void anUnknownSchemeIsRejectedWithTheAcceptedForms() {
        assertThatThrownBy(() -> StoreLocation.of("mysql://localhost/spool", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://localhost/spool").hasMessageContaining("postgresql://HOST:PORT/DATABASE");
    }

    @Test
    void exactlyOneOfDbAndStoreMustBeGiven() {
        assertThatThrownBy(() -> StoreLocation.of(null, null)).hasMessageContaining("exactly one of --db");
        assertThatThrownBy(() -> StoreLocation.of("sqlite:a.db", Path.of("b.db"))).hasMessageContaining("exactly one of --db");
    }
}
