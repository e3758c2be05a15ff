package dev.spool.amqp;

import dev.spool.spi.durable.QueueSettings.WhenFull;
import dev.spool.spi.Options;
import dev.spool.spi.SinkProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmqpSettingsTest {

    private static AmqpSettings parse(String... keyValues) {
        Map<String, String> m = new HashMap<>(Map.of("spool.dir", "/tmp/x"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return AmqpSettings.fromOptions(new Options("destination.mq.", m));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AmqpSettings s = parse();
        assertThat(s.broker().heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.broker().reconnectMinDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.broker().reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.topology().messageTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(s.topology().queueType()).isEqualTo("classic");
        assertThat(s.spool().fsyncInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.spool().fullPolicy()).isEqualTo(WhenFull.BLOCK);
        assertThat(TopologyDeclaration.queueArguments(s.topology())).containsEntry("x-overflow", "reject-publish")
                .containsEntry("x-message-ttl", 604_800_000L).containsEntry("x-dead-letter-exchange", "spool.events.dlx");
    }

    @Test
    void acceptsQuorumQueuesAndDropOldest() {
        AmqpSettings s = parse("queueType", "QUORUM", "spool.full", "drop-oldest");
        assertThat(s.topology().queueType()).isEqualTo("quorum");
        assertThat(s.spool().fullPolicy()).isEqualTo(WhenFull.DROP_OLDEST);
    }

    @Test
    void rejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> parse("spool.full", "spill")).hasMessageContaining("destination.mq.spool.full")
                .hasMessageContaining("drop-oldest");
        assertThatThrownBy(() -> parse("reconnect.minDelay", "10s", "reconnect.maxDelay", "1s"))
                .hasMessageContaining("destination.mq.reconnect.maxDelay");
        assertThatThrownBy(() -> parse("spool.maxBytes", "1MB")).hasMessageContaining("destination.mq.spool.maxBytes");
        assertThatThrownBy(() -> parse("queueType", "stream")).hasMessageContaining("classic");
    }

    @Test
    void requiresASpoolDirectoryAndRejectsUnknownKeys() {
        assertThatThrownBy(() -> AmqpSettings.fromOptions(new Options("destination.mq.", Map.of())))
                .hasMessageContaining("destination.mq.spool.dir");
        assertThatThrownBy(() -> parse("hots", "x")).hasMessageContaining("destination.mq.hots");
    }

    @Test
    void isRegisteredAsTheAmqpDestinationType() {
        assertThat(ServiceLoader.load(SinkProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("amqp"))).singleElement().isInstanceOf(AmqpSinkProvider.class);
    }
}
