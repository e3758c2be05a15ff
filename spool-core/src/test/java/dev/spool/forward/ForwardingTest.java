package dev.spool.forward;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwardingTest {

    @Test
    void withoutTheVariableThereIsNothingToForward() {
        assertThat(Forwarding.fromEnvironment(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void theVariableGivesOneForwardDestinationOnTheRootRoute() {
        Optional<SpoolConfig> config = Forwarding.fromEnvironment(Map.of(
                Forwarding.ADDRESS_VARIABLE, "unix:/tmp/c.sock", Forwarding.LEVEL_VARIABLE, "debug")::get);
        assertThat(config).hasValueSatisfying(c -> {
            assertThat(c.destinations()).containsOnlyKeys("forward");
            assertThat(c.destinations().get("forward").type()).isEqualTo("forward");
            assertThat(c.routes()).singleElement().satisfies(r -> {
                assertThat(r.loggerPrefix()).isEmpty();
                assertThat(r.level()).isEqualTo(Level.DEBUG);
            });
        });
    }

    @Test
    void aBadAddressIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Forwarding.fromEnvironment(Map.of(Forwarding.ADDRESS_VARIABLE, "localhost:5170")::get))
                .hasMessageContaining("localhost:5170").hasMessageContaining("tcp://HOST:PORT");
    }

    @Test
    void theForwardTypeRejectsUnknownKeys() {
        assertThatThrownBy(() -> new ForwardSinkProvider().configure(new dev.spool.spi.Options("destination.f.",
                Map.of("address", "tcp://127.0.0.1:1", "adress", "x"))))
                .hasMessageContaining("destination.f.adress");
    }
}
