package dev.spool.otlp;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.otlp.TestReceiver.Reply;
import dev.spool.spi.Ingress;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code https://} endpoints: a certificate made for {@code localhost} by the JDK's keytool is trusted
 * through {@code tls.trustStore}, and the host name is verified: the same server reached as 127.0.0.1 gets
 * nothing.
 */
class OtlpTlsIT {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;
    private TestReceiver receiver;
    private Ingress ingress;

    @BeforeEach
    void serve() throws Exception {
        Path server = dir.resolve("server.p12");
        Path cert = dir.resolve("server.cer");
        keytool("-genkeypair", "-alias", "otlp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "otlp", "-keystore", server.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "otlp", "-file", cert.toString(), "-keystore",
                dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        receiver = TestReceiver.startTls(tls, n -> Reply.ok());
    }

    @AfterEach
    void stop() {
        if (ingress != null) {
            ingress.shutdown(Duration.ofSeconds(5));
        }
        receiver.close();
    }

    private void start(String host) {
        ingress = Ingress.start(SpoolConfig.builder().name("tls").shutdownHook(false).jmx(false)
                .destination("otlp", "otlp", Map.of("endpoint", "https://" + host + ":" + receiver.port(),
                        "tls.trustStore", dir.resolve("trust.p12").toString(), "tls.trustStorePassword", PASSWORD,
                        "spool.dir", dir.resolve("spool").toString(), "batch.maxDelay", "10ms",
                        "retry.minDelay", "20ms", "retry.maxDelay", "100ms", "close.timeout", "100ms"))
                .route("root", "", Level.TRACE, "otlp").build());
        ingress.ingest(TestEvent.event().message("over tls"));
    }

    @Test
    void sendsToAServerWhoseCertificateNamesTheHost() {
        start("localhost");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.records(200).size() == 1);
        assertThat(receiver.records(200).get(0).getBody().getStringValue()).isEqualTo("over tls");
    }

    @Test
    void sendsNothingToTheSameServerUnderANameItsCertificateDoesNotHave() {
        start("127.0.0.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> OtlpDestinations.health("otlp").orElseThrow().retries() >= 2);
        OtlpHealth h = OtlpDestinations.health("otlp").orElseThrow();
        assertThat(h.state()).isEqualTo(OtlpHealth.State.BACKING_OFF);
        assertThat(h.spoolEvents()).isEqualTo(1);
        assertThat(h.lastError()).contains("SSLHandshakeException");
        assertThat(receiver.received()).isEmpty();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
