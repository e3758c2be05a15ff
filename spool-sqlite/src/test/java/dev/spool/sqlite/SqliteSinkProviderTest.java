package dev.spool.sqlite;

import dev.spool.spi.Options;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteSinkProviderTest {

    private static SqliteSettings settings(Map<String, String> values) {
        return SqliteSinkProvider.settings(new Options("destination.store.", values));
    }

    @Test
    void isFoundByTheServiceLoaderAsTypeSqlite() {
        assertThat(ServiceLoader.load(dev.spool.spi.SinkProvider.class).stream().map(p -> p.get().type()))
                .contains("sqlite");
    }

    @Test
    void defaultsAreWalFriendlyBatchesOfTenThousandOrTwoHundredMilliseconds() {
        SqliteSettings s = settings(Map.of("type", "sqlite", "path", "logs/spool.db"));
        assertThat(s.synchronous()).isEqualTo("normal");
        assertThat(s.batchSize()).isEqualTo(10_000);
        assertThat(s.batchTime()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.retention().keepsAll()).isTrue();
        assertThat(s.indexes()).containsExactlyInAnyOrder("level", "correlation");
    }

    @Test
    void everyOptionIsRead() {
        SqliteSettings s = settings(Map.ofEntries(Map.entry("path", "x.db"), Map.entry("synchronous", "FULL"),
                Map.entry("batchSize", "50"), Map.entry("batchTime", "1s"), Map.entry("busyTimeout", "100ms"),
                Map.entry("fullText", "true"), Map.entry("maxAge", "7d"), Map.entry("maxRows", "1000"),
                Map.entry("retentionInterval", "10s"), Map.entry("indexedFields", "user_id, order_id"),
                Map.entry("indexes", "logger, THREAD,correlation"), Map.entry("cacheSize", "64MB")));
        assertThat(s).isEqualTo(new SqliteSettings(java.nio.file.Path.of("x.db"), "full", 50, Duration.ofSeconds(1),
                Duration.ofMillis(100), true, new dev.spool.store.RetentionPolicy(Duration.ofDays(7), 1000), Duration.ofSeconds(10),
                java.util.List.of("user_id", "order_id"), java.util.Set.of("logger", "thread", "correlation"), 64L << 20));
        assertThat(settings(Map.of("path", "x.db")).cacheBytes()).isEqualTo(16L << 20);
        assertThatThrownBy(() -> settings(Map.of("path", "x.db", "cacheSize", "512KB")))
                .hasMessageContaining("cacheSize").hasMessageContaining("1MB to 4GB");
        assertThat(settings(Map.of("path", "x.db", "indexes", "all")).indexes())
                .containsExactlyInAnyOrder("level", "logger", "thread", "correlation");
        assertThat(settings(Map.of("path", "x.db", "indexes", "none")).indexes()).isEmpty();
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> settings(Map.of())).hasMessage("missing key 'destination.store.path'");
        assertThatThrownBy(() -> settings(Map.of("path", "x", "synchronous", "sometimes")))
                .hasMessageContaining("'sometimes'").hasMessageContaining("destination.store.synchronous");
        assertThatThrownBy(() -> settings(Map.of("path", "x", "batchTime", "0ms")))
                .hasMessageContaining("destination.store.batchTime").hasMessageContaining("positive");
        assertThatThrownBy(() -> settings(Map.of("path", "x", "indexedFields", "user_id,user.name")))
                .hasMessageContaining("indexedFields").hasMessageContaining("user_id,user.name")
                .hasMessageContaining("letters, digits or underscores");
        assertThatThrownBy(() -> settings(Map.of("path", "x", "indexes", "level,message")))
                .hasMessageContaining("destination.store.indexes").hasMessageContaining("level,message")
                .hasMessageContaining("level, logger, thread, correlation");
        assertThatThrownBy(() -> settings(Map.of("path", "x", "batchsize", "5")))
                .hasMessageContaining("unknown key 'destination.store.batchsize'");
    }
}
