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

    @Test
    void aParentPassesEveryForwardOptionThroughTheEnvironment() {
        ProcessBuilder worker = new ProcessBuilder("true");
        worker.environment().put("SPOOL_FORWARD_SPILL", "/inherited/from/the/parent");
        Forwarding.configure(worker, CollectorAddress.parse("unix:/tmp/c.sock"), null,
                Map.of("spillDir", "/tmp/app-spill", "closeTimeout", "2m", "maxMemory", "4MB"));
        Map<String, String> env = worker.environment();
        assertThat(env).containsEntry("SPOOL_FORWARD_SPILL_DIR", "/tmp/app-spill")
                .containsEntry("SPOOL_FORWARD_CLOSE_TIMEOUT", "2m").containsEntry("SPOOL_FORWARD_MAX_MEMORY", "4MB")
                .doesNotContainKey("SPOOL_FORWARD_SPILL");
        SpoolConfig config = Forwarding.fromEnvironment(env::get).orElseThrow();
        assertThat(Forwarding.options(env::get))
                .containsEntry("spillDir", "/tmp/app-spill").containsEntry("closeTimeout", "2m")
                .containsEntry("maxMemory", "4MB");
        assertThat(config.shutdownTimeout()).as("longer than the close timeout").isEqualTo(java.time.Duration.ofSeconds(125));
    }

    @Test
    void anUnknownOptionOrABadCloseTimeoutIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Forwarding.configure(new ProcessBuilder("true"), CollectorAddress.parse("unix:/c"),
                null, Map.of("spilldir", "/x"))).hasMessageContaining("spilldir").hasMessageContaining("spillDir");
        assertThatThrownBy(() -> Forwarding.fromEnvironment(Map.of(Forwarding.ADDRESS_VARIABLE, "unix:/c",
                "SPOOL_FORWARD_CLOSE_TIMEOUT", "soon")::get)).hasMessageContaining("soon");
    }

    @Test
    void spillAndSpillDirTogetherAreAnError() {
        assertThatThrownBy(() -> new ForwardSinkProvider().configure(new dev.spool.spi.Options("destination.f.",
                Map.of("address", "tcp://127.0.0.1:1", "spill", "/a", "spillDir", "/b"))))
                .hasMessageContaining("spillDir");
    }
}
