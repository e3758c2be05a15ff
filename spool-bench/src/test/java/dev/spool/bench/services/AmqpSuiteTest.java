package dev.spool.bench.services;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmqpSuiteTest {

    @Test
    void noExtraOptionsMeansTheDestinationsDefaults() {
        assertThat(AmqpSuite.extraOptions(null)).isEmpty();
        assertThat(AmqpSuite.extraOptions("  ")).isEmpty();
    }

    @Test
    void extraOptionsKeepTheirOrder() {
        assertThat(AmqpSuite.extraOptions("batch.maxEvents=4000, batch.maxBytes=1MB,gzip=true"))
                .containsExactly(java.util.Map.entry("batch.maxEvents", "4000"),
                        java.util.Map.entry("batch.maxBytes", "1MB"), java.util.Map.entry("gzip", "true"));
    }

    @Test
    void aPairWithoutAKeyIsRefusedNamingTheVariable() {
        for (String bad : List.of("batch.maxEvents", "=4000", "gzip=true,,")) {
            assertThatThrownBy(() -> AmqpSuite.extraOptions(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(AmqpSuite.OPTIONS_ENV);
        }
    }
}
