package dev.spool.amqp;

import dev.spool.testkit.tls.TlsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code amqp} destination's {@code url = amqps://...} checks the broker's certificate and its name. Against a loopback TLS
 * listener whose certificate names only {@code localhost}, a client trusting that certificate completes
 * the handshake by that name, and refuses it by IP address or without the trust store ({@link TlsProbe}).
 */
class AmqpsUrlTest {

    @TempDir
    Path dir;

    @Test
    void theBrokersNameAndCertificateAreChecked() throws Exception {
        try (TlsServer server = TlsServer.start(dir, "localhost")) {
            String url = "amqps://guest:guest@%s:" + server.port() + "/%%2f";
            TlsServer.Attempt byName = server.attempt(TlsProbe.class, String.format(url, "localhost"), true);
            assertThat(byName.handshook()).as("TLS by the certificate's name: %s", byName.output()).isTrue();
            TlsServer.Attempt byAddress = server.attempt(TlsProbe.class, String.format(url, "127.0.0.1"), true);
            assertThat(byAddress.handshook()).as("by a name the certificate does not hold: %s", byAddress.output()).isFalse();
            assertThat(byAddress.output()).contains("No subject alternative names matching IP address 127.0.0.1");
            TlsServer.Attempt untrusted = server.attempt(TlsProbe.class, String.format(url, "localhost"), false);
            assertThat(untrusted.handshook()).as("with an untrusted certificate: %s", untrusted.output()).isFalse();
            assertThat(untrusted.output()).contains("PKIX path building failed");
        }
    }
}
