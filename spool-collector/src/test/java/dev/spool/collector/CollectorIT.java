package dev.spool.collector;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.forward.CollectorAddress;
import dev.spool.forward.Forwarding;
import dev.spool.spi.Ingress;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.durable.QueueSettings;
import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An embedded collector on real sockets, spoken to by raw clients and by the forward destination. */
class CollectorIT {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static SpoolConfig fileOutput(Path file, String name) {
        return SpoolConfig.builder().name(name).shutdownHook(false).jmx(false)
                .destination("out", "file", Map.of("path", file.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
    }

    private Collector start(UnaryOperator<CollectorConfig.Builder> settings) throws IOException {
        CollectorConfig.Builder builder = CollectorConfig.builder(fileOutput(dir.resolve("out.log"), "collector"))
                .listen("tcp://127.0.0.1:0").listen(CollectorAddress.unix(dir.resolve("c.sock")));
        Collector collector = Collector.start(settings.apply(builder).build());
        open.add(collector);
        return collector;
    }

    private Path out() {
        return dir.resolve("out.log");
    }

    @Nested
    class Protocol {

        @Test
        void acknowledgesOnlyEventsAlreadyInTheFile() throws Exception {
            Collector collector = start(b -> b);
            try (WireClient client = WireClient.handshaken(collector.address(), null)) {
                client.send(Events.line("a")).send(Events.line("b")).send(Events.line("c"));
                String ack = client.readUntil("\"ack\":3");
                assertThat(ack).isEqualTo("{\"ack\":3}");
                assertThat(Events.lines(out())).extracting(Events::message).containsExactly("a", "b", "c");
            }
        }

        @Test
        void readsOnWhileARoundIsWrittenAndAcknowledgesItOnlyUpToTheLinesItHeld() throws Exception {
            CapturingSink sink = new CapturingSink().hold();
            SpoolConfig held = SpoolConfig.builder().name("collector").shutdownHook(false).jmx(false)
                    .destination("out", sink.factory()).route("root", "", Level.TRACE, "out").build();
            Collector collector = Collector.start(CollectorConfig.builder(held)
                    .listen(CollectorAddress.unix(dir.resolve("held.sock"))).build());
            open.add(collector);
            try (WireClient client = WireClient.handshaken(collector.address(), null)) {
                client.send(Events.line("a"));
                sink.awaitFirstWrite(); // the first round holds line 1 only, and the writer is in it
                client.send(Events.line("b")).send(Events.line("c"));
                await().atMost(Duration.ofSeconds(30)).until(() -> collector.stats().eventsIn() == 3);
                sink.open();
                assertThat(client.readLine()).isEqualTo("{\"ack\":1}");
                assertThat(client.readLine()).isEqualTo("{\"ack\":3}");
                assertThat(sink.events()).extracting(CapturingSink.Captured::message).containsExactly("a", "b", "c");
            }
        }

        @Test
        void answersAMalformedLineWithAnErrorAndKeepsTheConnection() throws Exception {
            Collector collector = start(b -> b);
            try (WireClient client = WireClient.handshaken(collector.address(), null)) {
                client.send("{\"v\":1,\"level\":\"INFO\"").send(Events.line("good"));
                assertThat(client.readLine()).startsWith("{\"error\":\"malformed\",\"line\":1,");
                assertThat(client.readUntil("\"ack\":2")).isEqualTo("{\"ack\":2}"); // acks are cumulative
            }
            assertThat(Events.lines(out())).extracting(Events::message).containsExactly("good");
            assertThat(collector.stats().rejected()).containsEntry("malformed", 1L);
        }

        @Test
        void writesAResentEventOnce() throws Exception {
            Collector collector = start(b -> b);
            String event = Events.line("once");
            try (WireClient first = WireClient.handshaken(collector.address(), null)) {
                first.send(event).readUntil("\"ack\":1");
            }
            try (WireClient second = WireClient.handshaken(collector.addresses().get(1), null)) {
                second.send(event).send(event).readUntil("\"ack\":2");
            }
            assertThat(Events.lines(out())).hasSize(1);
            assertThat(collector.stats().duplicates()).isEqualTo(2);
        }

        @Test
        void refusesAnUnknownProtocolVersion() throws Exception {
            Collector collector = start(b -> b);
            try (WireClient client = WireClient.connect(collector.address())) {
                client.send("{\"spool\":2}");
                assertThat(client.readLine()).contains("\"error\":\"bad_handshake\"").contains("speaks 1");
                assertThat(client.closedByPeer()).isTrue();
            }
        }

        @Test
        void asksTcpClientsButNotUnixClientsForTheToken() throws Exception {
            Collector collector = start(b -> b.token("s3cret"));
            try (WireClient wrong = WireClient.connect(collector.address())) {
                wrong.send("{\"spool\":1,\"token\":\"guess\"}");
                assertThat(wrong.readLine()).contains("\"error\":\"bad_token\"");
            }
            try (WireClient right = WireClient.handshaken(collector.address(), "s3cret");
                 WireClient local = WireClient.handshaken(collector.addresses().get(1), null)) {
                right.send(Events.line("tcp")).readUntil("ack");
                local.send(Events.line("unix")).readUntil("ack");
            }
            assertThat(Events.lines(out())).hasSize(2);
            assertThat(collector.stats().rejected()).containsEntry("bad_token", 1L);
        }

        @Test
        void createsTheUnixSocketForItsOwnerOnly() throws Exception {
            start(b -> b);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("c.sock"))))
                    .isEqualTo("rw-------");
        }

        @Test
        void closesOnlyTheConnectionThatSendsALineOverTheLimit() throws Exception {
            Collector collector = start(b -> b.maxEventBytes(4096));
            try (WireClient good = WireClient.handshaken(collector.address(), null);
                 WireClient big = WireClient.handshaken(collector.address(), null)) {
                big.sendBytes(new byte[5000]);
                assertThat(big.readLine()).contains("\"error\":\"too_large\"");
                assertThat(big.closedByPeer()).isTrue();
                good.send(Events.line("still here")).readUntil("\"ack\":1");
            }
            assertThat(collector.stats().rejected()).containsEntry("too_large", 1L);
        }

        @Test
        void refusesConnectionsOverTheCap() throws Exception {
            Collector collector = start(b -> b.maxConnections(2));
            try (WireClient a = WireClient.handshaken(collector.address(), null);
                 WireClient b = WireClient.handshaken(collector.address(), null);
                 WireClient c = WireClient.connect(collector.address())) {
                assertThat(c.readLine()).contains("too_many_connections");
                a.send(Events.line("a")).readUntil("ack");
            }
        }

        @Test
        void closesAConnectionWhoseLineTakesTooLong() throws Exception {
            Collector collector = start(b -> b.lineTimeout(Duration.ofMillis(300)));
            try (WireClient slow = WireClient.handshaken(collector.address(), null)) {
                slow.sendBytes("{\"v\":1,".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(slow.readLine()).contains("\"error\":\"slow_line\"");
                assertThat(slow.closedByPeer()).isTrue();
            }
        }

        @Test
        void closesAConnectionThatNeverSaysHello() throws Exception {
            Collector collector = start(b -> b.handshakeTimeout(Duration.ofMillis(300)));
            try (WireClient silent = WireClient.connect(collector.address())) {
                assertThat(silent.readLine()).contains("\"error\":\"idle_timeout\"");
                assertThat(silent.closedByPeer()).isTrue();
            }
            assertThat(collector.stats().rejected()).containsEntry("idle_timeout", 1L);
        }

        @Test
        void reportsItsStatusOnRequest() throws Exception {
            Collector collector = start(b -> b);
            try (WireClient client = WireClient.handshaken(collector.address(), null)) {
                client.send(Events.line("x")).readUntil("ack");
            }
            try (WireClient status = WireClient.connect(collector.address())) {
                status.send("{\"spool\":1,\"status\":true}");
                assertThat(status.readLine()).contains("\"events_in\":1").contains("\"events_acked\":1")
                        .contains("\"malformed\":0");
            }
        }
    }

    @Nested
    class Forwarding_ {

        private Ingress sender(CollectorAddress address, Map<String, String> extra) {
            Map<String, String> options = new java.util.HashMap<>(extra);
            options.put("address", address.toString());
            options.putIfAbsent("spill", dir.resolve("sender.spill").toString()); // one spill per sender: it is locked
            Ingress sender = Ingress.start(SpoolConfig.builder().name("sender").shutdownHook(false).jmx(false)
                    .destination("fwd", "forward", options).route("root", "", Level.TRACE, "fwd").build());
            open.add(() -> sender.shutdown(Duration.ofSeconds(10)));
            return sender;
        }

        private void send(Ingress sender, int count, String prefix) {
            for (int i = 0; i < count; i++) {
                sender.ingest(TestEvent.event().id(dev.spool.EventId.high(System.currentTimeMillis()),
                        dev.spool.EventId.nextLow()).message(prefix + i));
            }
        }

        private List<String> expected(int count, String prefix) {
            return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toList());
        }

        private List<String> written(String prefix) throws IOException {
            return Events.lines(out()).stream().map(Events::message).filter(m -> m.startsWith(prefix))
                    .collect(Collectors.toList());
        }

        @Test
        void deliversEveryEventInOrderOverTcpAndUnixSockets() throws Exception {
            Collector collector = start(b -> b);
            send(sender(collector.address(), Map.of()), 10_000, "tcp-");
            send(sender(collector.addresses().get(1), Map.of("spill", dir.resolve("u.spill").toString())), 10_000, "unix-");
            await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out()).size() >= 20_000);
            assertThat(Events.lines(out())).hasSize(20_000);
            assertThat(written("tcp-")).containsExactlyElementsOf(expected(10_000, "tcp-"));
            assertThat(written("unix-")).containsExactlyElementsOf(expected(10_000, "unix-"));
        }

        @Test
        void keepsEventsWhileTheCollectorIsDownSpillsThemAndSendsThemWhenItComes() throws Exception {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            CollectorAddress address = CollectorAddress.tcp("127.0.0.1", port);
            Ingress sender = sender(address, Map.of("maxMemory", "64KB"));
            send(sender, 5_000, "m");
            assertThat(sender.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(dir.resolve("sender.spill")).isDirectory();

            open.add(Collector.start(CollectorConfig.builder(fileOutput(out(), "late")).listen(address).build()));
            await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out()).size() >= 5_000);
            assertThat(Events.lines(out())).extracting(Events::message).containsExactlyElementsOf(expected(5_000, "m"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !sender.stats().destinations().get(0).backlog());
        }

        @Test
        void aSenderThatExitsWhileTheCollectorIsDownLeavesItsEventsForTheNextRunToSend() throws Exception {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            CollectorAddress address = CollectorAddress.tcp("127.0.0.1", port);
            Ingress first = sender(address, Map.of("closeTimeout", "200ms"));
            send(first, 300, "first-");
            first.shutdown(Duration.ofSeconds(10));
            assertThat(spilledEvents()).as("the events and the final ledger behind them").isEqualTo(300 + 1);

            open.add(Collector.start(CollectorConfig.builder(fileOutput(out(), "later")).listen(address).build()));
            send(sender(address, Map.of()), 200, "second-"); // the same spill file: its events go first
            await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out()).size() >= 500);
            List<String> all = Events.lines(out()).stream().map(Events::message).collect(Collectors.toList());
            List<String> expected = new ArrayList<>(expected(300, "first-"));
            expected.addAll(expected(200, "second-"));
            assertThat(all).containsExactlyElementsOf(expected);
        }

        @Test
        void aSenderRestartedWithTheSameSpillSendsWhatThePreviousOneLeftAndEveryEventArrivesOnce() throws Exception {
            CollectorAddress address = freeTcpAddress();
            Collector firstCollector = Collector.start(CollectorConfig.builder(fileOutput(out(), "first"))
                    .listen(address).dedupSeedFile(out()).build());
            Ingress first = sender(address, Map.of("closeTimeout", "200ms", "maxMemory", "4KB"));
            send(first, 300, "acked-");
            await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out()).size() >= 300);
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.stats().destinations().get(0).backlog());
            firstCollector.close();
            send(first, 400, "left-");
            first.shutdown(Duration.ofSeconds(10));
            assertThat(spilledEvents()).as("the events and the final ledger behind them").isEqualTo(400 + 1);

            open.add(Collector.start(CollectorConfig.builder(fileOutput(out(), "second")).listen(address)
                    .dedupSeedFile(out()).build()));
            send(sender(address, Map.of()), 100, "new-");
            await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out()).size() >= 800);
            List<String> expected = new ArrayList<>(expected(300, "acked-"));
            expected.addAll(expected(400, "left-"));
            expected.addAll(expected(100, "new-"));
            assertThat(Events.lines(out())).extracting(Events::message).containsExactlyElementsOf(expected);
        }

        private CollectorAddress freeTcpAddress() throws IOException {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                return CollectorAddress.tcp("127.0.0.1", probe.getLocalPort());
            }
        }

        /** Events waiting in the sender's spill queue (read with the queue itself, as the next run would). */
        private long spilledEvents() throws IOException {
            try (DurableQueue queue = DurableQueue.open(new QueueSettings(dir.resolve("sender.spill"), 1L << 30,
                    1L << 20, Duration.ofSeconds(1), QueueSettings.WhenFull.BLOCK, Duration.ZERO))) {
                return queue.pendingEvents();
            }
        }

        @Test
        void configuresAWorkerFromItsEnvironment() throws Exception {
            Collector collector = start(b -> b.token("t"));
            ProcessBuilder worker = collector.configureWorker(new ProcessBuilder("true"));
            assertThat(worker.environment()).containsEntry(Forwarding.ADDRESS_VARIABLE, collector.address().toString())
                    .containsEntry(Forwarding.TOKEN_VARIABLE, "t");
        }
    }
}
