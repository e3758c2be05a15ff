package dev.spool.testkit.tls;

import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.jvm.ChildJvmBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TLS listener on loopback with a certificate made for this test by the JDK's {@code keytool}, for
 * checking what a client verifies: it completes handshakes (counted), then closes the connection; it
 * speaks no protocol. {@link #trustStore()} holds the certificate, for a client's
 * {@code javax.net.ssl.trustStore}.
 */
public final class TlsServer implements AutoCloseable {

    public static final String PASSWORD = "changeit";

    private final SSLServerSocket socket;
    private final Path trustStore;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final Thread acceptor;

    private TlsServer(SSLServerSocket socket, Path trustStore) {
        this.socket = socket;
        this.trustStore = trustStore;
        this.acceptor = new Thread(this::accept, "tls-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /**
     * Starts a listener whose certificate names only {@code dnsName} (a subject alternative name of type
     * DNS), so a client connecting by another name or by IP address must refuse it if it checks names.
     */
    public static TlsServer start(Path dir, String dnsName) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        Path trust = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + dnsName, "-ext", "SAN=dns:" + dnsName, "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", PASSWORD);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        return new TlsServer(server, trust);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                handshakes.incrementAndGet();
            } catch (IOException e) {
                // a client that refused the certificate, or the listener closing: next
            }
        }
    }

    /** What one client attempt did: its output, and whether it completed a TLS handshake with this listener. */
    public record Attempt(String output, boolean handshook) {
    }

    /**
     * Runs {@code probeMain} in a child JVM with {@code url} as its argument, trusting this listener's
     * certificate through {@code javax.net.ssl.trustStore} or, when {@code trusting} is false, only the
     * JDK's own trust store.
     */
    public synchronized Attempt attempt(Class<?> probeMain, String url, boolean trusting) throws Exception {
        int before = handshakes.get();
        ChildJvmBuilder builder = ChildJvm.builder(probeMain).name("tls probe").args(url);
        if (trusting) {
            builder.property("javax.net.ssl.trustStore", trustStore.toString())
                    .property("javax.net.ssl.trustStorePassword", PASSWORD)
                    .property("javax.net.ssl.trustStoreType", "PKCS12");
        }
        String output = builder.run(Duration.ofSeconds(60)).output();
        return new Attempt(output, handshakes.get() > before);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** A PKCS12 trust store (password {@link #PASSWORD}) holding the server's certificate. */
    public Path trustStore() {
        return trustStore;
    }

    /** Handshakes completed so far: a client that verifies the name and refused it does not complete one. */
    public int handshakes() {
        return handshakes.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
