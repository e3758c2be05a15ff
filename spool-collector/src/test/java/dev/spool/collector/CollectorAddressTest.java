package dev.spool.collector;

import dev.spool.forward.CollectorAddress;

import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:5170", "tcp://[::1]:80", "unix:/run/spool/c.sock", "tcp://host:0"})
    void printsWhatItParses(String text) {
        assertThat(CollectorAddress.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:5170", "tcp://127.0.0.1", "tcp://:5170", "tcp://h:70000", "unix:", "udp://h:1"})
    void rejectsAnythingElseNamingTheForms(String text) {
        assertThatThrownBy(() -> CollectorAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp://HOST:PORT").hasMessageContaining("unix:PATH");
    }

    @Test
    void aUnixPathAtTheLimitBindsAndOneByteMoreIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        String prefix = dir.toString() + "/";
        Path longest = Path.of(prefix + "s".repeat(CollectorAddress.MAX_UNIX_PATH_BYTES - prefix.length()));
        CollectorAddress address = CollectorAddress.unix(longest);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address.socketAddress()); // the kernel takes it: the limit is not set too low
        }
        Path tooLong = Path.of(longest + "s");
        assertThatThrownBy(() -> CollectorAddress.parse("unix:" + tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(tooLong.toString()).hasMessageContaining("107 bytes")
                .hasMessageContaining("at most 106");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertThatThrownBy(() -> server.bind(java.net.UnixDomainSocketAddress.of(tooLong)))
                    .hasMessageContaining("too long"); // and the limit is not set too high
        }
    }
}
