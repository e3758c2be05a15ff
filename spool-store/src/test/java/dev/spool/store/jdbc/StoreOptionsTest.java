package dev.spool.store.jdbc;

import dev.spool.spi.Options;
import dev.spool.store.RetentionPolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreOptionsTest {

    private static final Set<String> OPTIONAL = new LinkedHashSet<>(List.of("level", "logger", "text"));
    private static final Set<String> DEFAULTS = Set.of("level");

    private static StoreOptions read(Map<String, String> values) {
        return StoreOptions.read(new Options("destination.db.", values), OPTIONAL, DEFAULTS, null);
    }

    @Nested
    class Reading {

        @Test
        void absentKeysTakeTheDefaults() {
            StoreOptions o = read(Map.of());
            assertThat(o).isEqualTo(new StoreOptions(10_000, Duration.ofMillis(200), RetentionPolicy.KEEP_ALL,
                    Duration.ofMinutes(1), Set.of("level")));
        }

        @Test
        void everyKeyIsRead() {
            StoreOptions o = read(Map.of("batchSize", "50", "batchTime", "1s", "maxAge", "7d", "maxRows", "1000",
                    "retentionInterval", "10s", "indexes", "Logger, text"));
            assertThat(o).isEqualTo(new StoreOptions(50, Duration.ofSeconds(1),
                    new RetentionPolicy(Duration.ofDays(7), 1000), Duration.ofSeconds(10), Set.of("logger", "text")));
        }

        @Test
        void indexesComeFromTheKeyElseFromTheTextGivenForItsAbsence() {
            Options none = new Options("d.", Map.of());
            assertThat(StoreOptions.read(none, OPTIONAL, DEFAULTS, "text").indexes()).containsExactly("text");
            Options given = new Options("d.", Map.of("indexes", "none"));
            assertThat(StoreOptions.read(given, OPTIONAL, DEFAULTS, "text").indexes()).isEmpty();
        }

        @Test
        void indexesAcceptNoneAllAndAnEmptyList() {
            assertThat(StoreOptions.indexes("all", OPTIONAL, DEFAULTS)).containsExactlyInAnyOrderElementsOf(OPTIONAL);
            assertThat(StoreOptions.indexes("none", OPTIONAL, DEFAULTS)).isEmpty();
            assertThat(StoreOptions.indexes("", OPTIONAL, DEFAULTS)).isEmpty();
            assertThat(StoreOptions.indexes(null, OPTIONAL, DEFAULTS)).isEqualTo(DEFAULTS);
        }

        @Test
        void theKeysOfADestinationAreTheseAndItsOwn() {
            assertThat(StoreOptions.keysWith("path", "type")).containsExactlyInAnyOrder("batchSize", "batchTime",
                    "maxAge", "maxRows", "retentionInterval", "indexes", "path", "type");
        }
    }

    @Nested
    class Errors {

        @Test
        void aBadNumberNamesTheKeyTheValueAndTheRange() {
            assertThatThrownBy(() -> read(Map.of("batchSize", "0")))
                    .hasMessage("bad value '0' for key 'destination.db.batchSize': expected an integer from 1 to 1000000");
            assertThatThrownBy(() -> read(Map.of("maxRows", "-5")))
                    .hasMessageContaining("'-5'").hasMessageContaining("destination.db.maxRows")
                    .hasMessageContaining("0 to 2147483647");
        }

        @Test
        void aDurationThatIsNotPositiveNamesTheKeyTheValueAndWhatIsAccepted() {
            for (String key : List.of("batchTime", "maxAge", "retentionInterval")) {
                assertThatThrownBy(() -> read(Map.of(key, "0ms")))
                        .hasMessage("bad value '0ms' for key 'destination.db." + key
                                + "': expected a positive duration such as 200ms, 5s or 7d");
            }
            assertThatThrownBy(() -> read(Map.of("maxAge", "soon")))
                    .hasMessageContaining("'soon'").hasMessageContaining("destination.db.maxAge")
                    .hasMessageContaining("a duration such as");
        }

        @Test
        void anUnknownIndexNamesTheKeyTheValueAndTheIndexes() {
            assertThatThrownBy(() -> read(Map.of("indexes", "level,trigram")))
                    .hasMessage("bad value 'level,trigram' for key 'destination.db.indexes': expected none, all,"
                            + " or a comma-separated list of level, logger, text");
            assertThatThrownBy(() -> StoreOptions.indexes("level,trigram", OPTIONAL, DEFAULTS))
                    .hasMessageContaining("'trigram' is not an index");
        }

        @Test
        void theRecordRefusesValuesOutOfRange() {
            assertThatThrownBy(() -> new StoreOptions(0, Duration.ofSeconds(1), RetentionPolicy.KEEP_ALL,
                    Duration.ofMinutes(1), Set.of())).hasMessageContaining("batchSize must be positive, got 0");
            assertThatThrownBy(() -> new StoreOptions(1, Duration.ZERO, RetentionPolicy.KEEP_ALL,
                    Duration.ofMinutes(1), Set.of())).hasMessageContaining("batchTime");
        }
    }
}
