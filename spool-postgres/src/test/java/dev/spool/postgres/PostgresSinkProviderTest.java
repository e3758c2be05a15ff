package dev.spool.postgres;

import dev.spool.spi.Options;
import dev.spool.spi.SinkProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresSinkProviderTest {

    private static Options options(Map<String, String> values) {
        return new Options("destinations.db.", values);
    }

    @Test
    void isFoundByTypeThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(SinkProvider.class).stream().map(p -> p.get().type())).contains("postgres");
    }

    @Test
    void defaultsAreTenThousandRowsOr200MsThroughCopy() {
        PostgresSettings s = PostgresSinkProvider.settings(options(Map.of("url", "postgresql://127.0.0.1:5432/spool")));
        assertThat(s.batchSize()).isEqualTo(10_000);
        assertThat(s.batchTime()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.ingest()).isEqualTo("copy");
        assertThat(s.retention().keepsAll()).isTrue();
        assertThat(s.indexes()).isEqualTo(Indexes.DEFAULT);
    }

    @Test
    void indexesComeFromTheOptionElseFromTheUrlParameter() {
        assertThat(PostgresSinkProvider.settings(options(Map.of("url", "postgresql://h/d?indexes=text"))).indexes())
                .containsExactly("text");
        assertThat(PostgresSinkProvider.settings(options(Map.of("url", "postgresql://h/d?indexes=text",
                "indexes", "none"))).indexes()).isEmpty();
        assertThatThrownBy(() -> PostgresSinkProvider.settings(options(Map.of("url", "postgresql://h/d",
                "indexes", "level,gin")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indexes").hasMessageContaining("level,gin").hasMessageContaining("fields, text");
    }

    @Test
    void aUrlThatIsNotPostgresqlIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> PostgresSinkProvider.settings(options(Map.of("url", "mysql://localhost/spool"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url")
                .hasMessageContaining("mysql://localhost/spool");
    }

    @Test
    void anUnknownIngestPathOrKeyIsRejected() {
        assertThatThrownBy(() -> PostgresSinkProvider.settings(options(
                Map.of("url", "postgresql://h/d", "ingest", "upsert")))).hasMessageContaining("ingest")
                .hasMessageContaining("upsert").hasMessageContaining("binary");
        assertThat(PostgresSinkProvider.settings(options(Map.of("url", "postgresql://h/d", "ingest", "binary"))).ingest())
                .isEqualTo("binary");
        assertThatThrownBy(() -> PostgresSinkProvider.settings(options(
                Map.of("url", "postgresql://h/d", "path", "x")))).hasMessageContaining("path");
    }
}
