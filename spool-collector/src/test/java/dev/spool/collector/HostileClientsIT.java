package dev.spool.collector;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.spi.Ingress;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each hostile client does its worst while a well-behaved forwarder logs: the forwarder's events all
 * arrive, in order, and the hostile client is refused and counted.
 */
class HostileClientsIT {

    private static final int EVENTS = 20_000;

    @TempDir
    Path dir;
    private Collector collector;
    private Ingress sender;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        collector = Collector.start(CollectorConfig.builder(CollectorIT.fileOutput(dir.resolve("out.log"), "hostile"))
                .listen("tcp://127.0.0.1:0").lineTimeout(Duration.ofSeconds(2))
                .handshakeTimeout(Duration.ofSeconds(30)).build());
        sender = Ingress.start(SpoolConfig.builder().name("good").shutdownHook(false).jmx(false)
                .destination("fwd", "forward", Map.of("address", collector.address().toString(),
                        "spill", dir.resolve("good.spill").toString()))
                .route("root", "", Level.TRACE, "fwd").build());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        sender.shutdown(Duration.ofSeconds(10));
        collector.close();
    }

    /** Logs the well-behaved events and waits until every one is in the collector's file, in order. */
    private void goodClientLogsEverything() throws IOException {
        for (int i = 0; i < EVENTS; i++) {
            sender.ingest(TestEvent.event().id(EventId.high(System.currentTimeMillis()), EventId.nextLow())
                    .message("good-" + i));
        }
        Path out = dir.resolve("out.log");
        await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out).size() >= EVENTS);
        List<String> good = Events.lines(out).stream().map(Events::message).filter(m -> m.startsWith("good-"))
                .collect(Collectors.toList());
        assertThat(good).containsExactlyElementsOf(
                IntStream.range(0, EVENTS).mapToObj(i -> "good-" + i).collect(Collectors.toList()));
    }

    private WireClient hostile(boolean handshake) throws IOException {
        WireClient client = handshake ? WireClient.handshaken(collector.address(), null)
                : WireClient.connect(collector.address());
        open.add(client);
        return client;
    }

    @Test
    void garbageBytes() throws Exception {
        byte[] garbage = new byte[256 * 1024];
        new Random(7).nextBytes(garbage);
        WireClient before = hostile(false);
        before.sendBytes(garbage);
        WireClient after = hostile(true);
        after.sendBytes(garbage);
        goodClientLogsEverything();
        assertThat(before.readLine()).contains("bad_handshake");
        assertThat(after.readLine()).contains("\"error\":");
        assertThat(collector.stats().rejected().get("bad_handshake")).isEqualTo(1);
        assertThat(collector.stats().rejected().get("malformed") + collector.stats().rejected().get("too_large"))
                .isPositive();
    }

    @Test
    void aHundredMebibyteLine() throws Exception {
        WireClient huge = hostile(true);
        Thread writer = new Thread(() -> {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'a');
            try {
                for (int i = 0; i < 100; i++) {
                    huge.sendBytes(chunk);
                }
            } catch (IOException expected) {
                // the collector closes the connection long before the 100th MiB
            }
        }, "huge-line");
        writer.start();
        goodClientLogsEverything();
        writer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(writer.isAlive()).isFalse();
        assertThat(collector.stats().rejected()).containsEntry("too_large", 1L);
    }

    @Test
    void truncatedJson() throws Exception {
        WireClient cut = hostile(true);
        cut.send("{\"v\":1,\"level\":\"INFO\",\"message\":\"no end");
        WireClient cutThenGone = hostile(true);
        cutThenGone.sendBytes("{\"v\":1,\"level\":\"INF".getBytes(StandardCharsets.US_ASCII));
        cutThenGone.close();
        goodClientLogsEverything();
        assertThat(cut.readLine()).contains("\"error\":\"malformed\"");
        assertThat(collector.stats().rejected()).containsEntry("malformed", 1L);
        assertThat(collector.stats().eventsWritten()).isEqualTo(EVENTS);
    }

    @Test
    void aClientSendingOneBytePerSecond() throws Exception {
        WireClient slow = hostile(true);
        byte[] line = (Events.line("slow") + "\n").getBytes(StandardCharsets.US_ASCII);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        int[] next = {0};
        trickle.scheduleAtFixedRate(() -> {
            try {
                slow.sendBytes(new byte[] {line[next[0]++]});
            } catch (IOException | ArrayIndexOutOfBoundsException stop) {
                throw new IllegalStateException(stop); // ends the schedule
            }
        }, 0, 1, TimeUnit.SECONDS);
        try {
            goodClientLogsEverything();
            assertThat(slow.readLine()).contains("\"error\":\"slow_line\"");
            assertThat(collector.stats().rejected()).containsEntry("slow_line", 1L);
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void aThousandIdleConnections() throws Exception {
        for (int i = 0; i < 1000; i++) {
            hostile(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.stats().connections() >= 1000);
        goodClientLogsEverything();
        assertThat(collector.stats().connections()).isGreaterThanOrEqualTo(1001);
    }
}
