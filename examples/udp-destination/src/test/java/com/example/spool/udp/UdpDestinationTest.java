package com.example.spool.udp;

import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example destination, configured the way a user would: a properties file naming {@code type = udp}. */
@Timeout(30) // a datagram that never comes fails the test instead of hanging it
class UdpDestinationTest {

    private DatagramChannel receiver;

    @BeforeEach
    void listen() throws IOException {
        receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void close() throws IOException {
        Spool.shutdown(Duration.ofSeconds(5));
        receiver.close();
    }

    private Properties config(String maxDatagramBytes) {
        Properties p = new Properties();
        p.setProperty("destination.net.type", "udp");
        p.setProperty("destination.net.port", String.valueOf(((InetSocketAddress) localAddress()).getPort()));
        p.setProperty("destination.net.format", "json");
        p.setProperty("destination.net.maxDatagramBytes", maxDatagramBytes);
        p.setProperty("route.root.level", "INFO");
        p.setProperty("route.root.destinations", "net");
        p.setProperty("shutdown.hook", "false");
        p.setProperty("jmx", "false");
        return p;
    }

    private Object localAddress() {
        try {
            return receiver.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String receive() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        receiver.receive(buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsEachEventAsOneDatagram() throws IOException {
        Spool.configure(ConfigFile.parse(config("8192")));

        Spool.logger("app").atInfo().kv("user_id", 42).log("login {}", "ann");
        Spool.logger("app").warn("slow");
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(receive()).contains("\"message\":\"login ann\"").contains("\"user_id\":42").endsWith("\n");
        assertThat(receive()).contains("\"level\":\"WARN\"").contains("\"message\":\"slow\"");
    }

    @Test
    void refusesAnEventLargerThanADatagramAndCountsItAsFailed() throws IOException {
        Spool.configure(ConfigFile.parse(config("512")));

        Spool.logger("app").info("x".repeat(600));
        Spool.logger("app").info("small");
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(receive()).contains("\"message\":\"small\"");
        PipelineStats stats = Spool.stats();
        assertThat(stats.destinations().get(0).failed()).isEqualTo(1);
        assertThat(stats.destinations().get(0).written()).isEqualTo(1);
    }

    @Test
    void takesTheKeysEveryDestinationTakes() throws IOException {
        Properties p = config("8192");
        p.setProperty("destination.net.level", "WARN");
        p.setProperty("destination.net.json.static.team", "payments");
        p.setProperty("destination.net.json.rename.message", "msg");
        Spool.configure(ConfigFile.parse(p));

        Spool.logger("app").info("below the destination's level");
        Spool.logger("app").warn("slow");
        assertThat(Spool.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(receive()).contains("\"msg\":\"slow\"").contains("\"team\":\"payments\"");
        assertThat(Spool.stats().destinations().get(0).written()).isEqualTo(1);
    }

    @Test
    void aMistypedKeyFailsWhenTheConfigurationIsRead() {
        Properties p = config("8192");
        p.setProperty("destination.net.json.statik.team", "payments");

        assertThatThrownBy(() -> ConfigFile.parse(p)).hasMessageContaining("destination.net.json.statik.team");
    }

    @Test
    void aBadOptionFailsWhenTheConfigurationIsRead() {
        Properties p = config("8192");
        p.setProperty("destination.net.port", "99999");

        assertThatThrownBy(() -> ConfigFile.parse(p))
                .hasMessageContaining("destination.net.port").hasMessageContaining("99999");
    }
}
