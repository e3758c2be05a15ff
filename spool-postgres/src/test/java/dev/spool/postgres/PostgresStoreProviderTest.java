package dev.spool.postgres;

import dev.spool.store.LogStores;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL URLs through the store SPI (opening them is covered by the consumer's and the CLI's ITs). */
class PostgresStoreProviderTest {

    @Test
    void bothUrlFormsAreOpenedByThisProvider() {
        assertThat(LogStores.check("postgresql://127.0.0.1:5432/spool", "store")).isInstanceOf(PostgresStoreProvider.class);
        assertThat(LogStores.check("jdbc:postgresql://127.0.0.1:5432/spool?indexes=text", "store"))
                .isInstanceOf(PostgresStoreProvider.class);
    }

    @Test
    void aPostgresqlUrlWithoutSlashesIsRefusedWithThisProvidersForm() {
        assertThatThrownBy(() -> LogStores.check("postgresql:spool?password=secret", "store"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad value 'postgresql:spool?password=***' for store: expected postgresql://HOST:PORT/DATABASE"
                        + " (for example postgresql://127.0.0.1:5432/spool)");
    }
}
