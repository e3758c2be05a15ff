package dev.spool.collector;

import dev.spool.forward.CollectorAddress;
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
}
