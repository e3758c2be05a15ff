package dev.spool.forward;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.spi.Ingress;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forward destination against a scripted collector on a real socket (the real collector lives in
 * spool-collector, which depends on this module): what it resends after a connection breaks.
 */
class ForwardResendIT {

    @TempDir
    Path dir;

    /** One accepted connection of the scripted collector: handshake answered, lines read on demand. */
    private static final class Conversation implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Conversation(ServerSocket server) throws IOException {
            socket = server.accept();
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("{\"spool\":");
            answer("{\"spool\":1,\"ok\":true,\"max_event_bytes\":1048576}");
        }

        List<String> read(int lines) throws IOException {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                got.add(in.readLine());
            }
            return got;
        }

        void answer(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String message(String line) {
        int at = line.indexOf("\"msg-");
        return line.substring(at + 1, line.indexOf('"', at + 1));
    }

    private Ingress sender(ServerSocket server) {
        // the scripted collector reads and acknowledges an exact number of lines: no ledger lines here
        Ingress sender = Ingress.start(SpoolConfig.builder().name("resend").shutdownHook(false).jmx(false)
                .ledgerInterval(Duration.ZERO)
                .destination("fwd", "forward", Map.of("address", "tcp://127.0.0.1:" + server.getLocalPort(),
                        "spill", dir.resolve("s.spill").toString()))
                .route("root", "", Level.TRACE, "fwd").build());
        for (int i = 0; i < 100; i++) {
            sender.ingest(TestEvent.event().message("msg-" + i));
        }
        return sender;
    }

    private long spilledBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("s.spill"))) {
            return files.filter(f -> f.toString().endsWith(".seg")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void afterABrokenConnectionResendsOnlyTheLinesNotAcknowledgedAndDeletesTheSpillOnceAllAre() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Ingress sender = sender(server);
            try (Conversation first = new Conversation(server)) {
                assertThat(first.read(100)).extracting(ForwardResendIT::message).first().isEqualTo("msg-0");
                first.answer("{\"ack\":40}");
            }
            resendsTheLast60(server, sender);
        }
    }

    @Test
    void aBatchSentButNotAcknowledgedInTimeGoesToTheSpillAndIsResentFromThere() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Ingress sender = sender(server);
            try (Conversation first = new Conversation(server)) {
                assertThat(first.read(100)).extracting(ForwardResendIT::message).last().isEqualTo("msg-99");
                await().atMost(Duration.ofSeconds(20)).until(() -> spilledBytes() > 0); // no ack: spilled after 200 ms
                first.answer("{\"ack\":40}");
            }
            resendsTheLast60(server, sender);
        }
    }

    private void resendsTheLast60(ServerSocket server, Ingress sender) throws Exception {
        try (Conversation second = new Conversation(server)) {
            List<String> resent = second.read(60);
            assertThat(resent).extracting(ForwardResendIT::message).first().isEqualTo("msg-40");
            assertThat(resent).extracting(ForwardResendIT::message).last().isEqualTo("msg-99");
            second.answer("{\"ack\":60}");
            await().atMost(Duration.ofSeconds(20)).until(() -> !sender.stats().destinations().get(0).backlog());
            sender.shutdown(Duration.ofSeconds(10));
        }
        assertThat(dir.resolve("s.spill")).doesNotExist();
    }
}
