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
    void messagesHoldUpTo4000EventsAnd1MBByDefault() {
        AmqpSettings s = parse();
        assertThat(s.batching().maxEvents()).isEqualTo(4_000);
        assertThat(s.batching().maxBytes()).isEqualTo(1024 * 1024);
        assertThat(s.publishing().maxOutstandingConfirms()).isEqualTo(256);
    }

    @Test
    void aConfigurationValidWithTheOld256KBDefaultStillStartsWithSmallerMessages() {
        assertThat(parse("spool.segmentBytes", "1MB").batching().maxBytes()).isEqualTo(256 * 1024);
        assertThat(parse("spool.segmentBytes", "64KB", "spool.maxBytes", "1MB").batching().maxBytes())
                .isEqualTo(16 * 1024);
        assertThat(parse("maxBacklog", "512KB").batching().maxBytes()).isEqualTo(512 * 1024);
        assertThat(parse("batch.maxBytes", "2MB").batching().maxBytes()).isEqualTo(2 * 1024 * 1024);
        assertThatThrownBy(() -> parse("batch.maxBytes", "1MB", "spool.segmentBytes", "1MB"))
                .hasMessageContaining("destination.mq.spool.segmentBytes").hasMessageContaining("4 x batch.maxBytes");
        assertThatThrownBy(() -> parse("batch.maxBytes", "17MB")).hasMessageContaining("destination.mq.batch.maxBytes");
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
    void aMissingSpoolDirectoryIsLeftToTheSinkAndABlankOneOrAnUnknownKeyIsRefused() {
        assertThat(AmqpSettings.fromOptions(new Options("destination.mq.", Map.of())).spool().dir()).isNull();
        assertThatThrownBy(() -> parse("spool.dir", " ")).hasMessageContaining("destination.mq.spool.dir");
        assertThatThrownBy(() -> parse("hots", "x")).hasMessageContaining("destination.mq.hots");
    }

    @Test
    void theDefaultSpoolDirectoryIsPerServiceAndDestinationUnderTheStateDirectory() {
        assertThat(AmqpSink.defaultSpoolDir("billing", "mq", "/var/state", "/home/u"))
                .isEqualTo(java.nio.file.Path.of("/var/state/spool/amqp/billing/mq"));
        assertThat(AmqpSink.defaultSpoolDir("my service/../x", ".mq", null, "/home/u"))
                .isEqualTo(java.nio.file.Path.of("/home/u/.local/state/spool/amqp/my_service_.._x/_.mq"));
        assertThat(AmqpSink.defaultSpoolDir("a", "mq", "relative", "/home/u"))
                .as("XDG_STATE_HOME must be absolute, else ignored").isEqualTo(java.nio.file.Path.of("/home/u/.local/state/spool/amqp/a/mq"));
    }

    @Test
    void aUrlGivesHostPortVhostUserAndPasswordAndAmqpsMeansTls() {
        AmqpSettings.Broker b = parse("url", "amqp://app:s%40cret@rabbit.internal:5673/prod%2fa").broker();
        assertThat(java.util.List.of(b.host(), b.port(), b.virtualHost(), b.username(), b.password(), b.tls()))
                .containsExactly("rabbit.internal", 5673, "prod/a", "app", "s@cret", false);
        AmqpSettings.Broker tls = parse("url", "amqps://rabbit.internal").broker();
        assertThat(java.util.List.of(tls.port(), tls.virtualHost(), tls.username(), tls.tls()))
                .containsExactly(5671, "/", "guest", true);
        assertThat(parse("url", "amqp://u:p@h/%2f").broker().virtualHost()).isEqualTo("/");
        assertThat(parse().broker().tls()).isFalse();
    }

    @Test
    void aBadUrlIsRefusedNamingTheKeyWithoutThePassword() {
        assertThatThrownBy(() -> parse("url", "http://u:secret@h:5672/")).hasMessageContaining("destination.mq.url")
                .hasMessageContaining("amqp://USER:PASSWORD@HOST:PORT/VHOST").hasMessageContaining("'http'")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> parse("url", "amqp://u:secret@h:70000/")).hasMessageContaining("destination.mq.url")
                .hasMessageContaining("port 1 to 65535").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> parse("url", "amqp://h/a/b")).hasMessageContaining("destination.mq.url");
        assertThatThrownBy(() -> parse("url", "amqp://h", "host", "other")).hasMessageContaining("destination.mq.host")
                .hasMessageContaining("url");
    }

    @Test
    void isRegisteredAsTheAmqpDestinationType() {
        assertThat(ServiceLoader.load(SinkProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("amqp"))).singleElement().isInstanceOf(AmqpSinkProvider.class);
    }
}
