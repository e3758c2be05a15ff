package dev.spool.collector;

import dev.spool.forward.CollectorAddress;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers forwarding with a shared spill directory (the parent's {@code spillDir}) end while the collector
 * is away, far longer than their one-second {@code closeTimeout}: what they could not deliver is counted as
 * held, not written, and stays in their queues; a worker started later adopts those queues, and the
 * restarted collector adopts what is left, so every event is in its output exactly once. And workers that
 * live through repeated short outages lose nothing and write nothing twice.
 */
class ForwardOutageIT {

    private static final Pattern COUNTS = Pattern.compile("written=(\\d+) held=(\\d+) failed=0");
    private static final int EVENTS = 2_000;

    @TempDir
    Path dir;

    @Test
    void eventsOfWorkersThatEndDuringALongOutageAreDeliveredOnceTheCollectorIsBack() throws Exception {
        Path out = dir.resolve("all.log");
        Path spill = dir.resolve("spill");
        CollectorAddress address = freeAddress();
        Map<String, String> options = Map.of("spillDir", spill.toString(), "closeTimeout", "1s",
                "connectTimeout", "1s");
        ChildJvm collector = CollectorProcess.start(address, out, dir.resolve("collector-1.out"), spill);
        List<ChildJvm> workers = new ArrayList<>();
        List<String> names = List.of("a", "b", "c", "late");
        try {
            for (String n : names.subList(0, 3)) {
                workers.add(PhasedWorker.start(address, options, n, EVENTS, 2, dir.resolve(n + ".out")));
            }
            for (ChildJvm w : workers) {
                w.send("go");
                w.awaitLine("logged 0", Duration.ofSeconds(60));
            }
            collector.destroyForcibly(); // the outage begins: SIGKILL
            assertThat(collector.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ChildJvm w : workers) {
                w.send("go"); // the second half is logged while nobody listens, and the worker ends
            }
            for (ChildJvm w : workers) {
                assertThat(w.awaitExit(Duration.ofSeconds(60))).as(w.output()).isZero();
                long[] counts = counts(w);
                assertThat(counts[1]).as("held, not written: " + w.output()).isGreaterThanOrEqualTo(EVENTS / 2);
                assertThat(counts[0] + counts[1]).isEqualTo(EVENTS);
                assertThat(w.output()).contains("events held, not yet delivered")
                        .contains("held by destinations, not yet delivered");
            }
            // Still no collector: a worker started now takes over the queues of the ended ones.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> queues(spill) == 3 && oldEnough(spill));
            ChildJvm late = PhasedWorker.start(address, options, "late", EVENTS, 1, dir.resolve("late.out"));
            workers.add(late);
            late.send("go");
            assertThat(late.awaitExit(Duration.ofSeconds(60))).as(late.output()).isZero();
            assertThat(late.output()).contains("adopted");
            assertThat(counts(late)).containsExactly(0, EVENTS);
            assertThat(queues(spill)).as("the adopted queues were deleted").isEqualTo(1);

            collector = CollectorProcess.start(address, out, dir.resolve("collector-2.out"), spill);
            await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out).size() >= names.size() * EVENTS
                    && queues(spill) == 0);
            assertThat(WrittenEvents.problems(out, names, EVENTS)).isEmpty();
            assertThat(Events.lines(out)).hasSize(names.size() * EVENTS);
            try (WireClient status = WireClient.connect(address)) {
                assertThat(status.send("{\"spool\":1,\"status\":true}").readLine())
                        .contains("\"spill\":{\"dir\":").contains("\"queues_adopted\":1");
            }
        } finally {
            collector.destroyForcibly();
            workers.forEach(ChildJvm::destroyForcibly);
        }
    }

    @Test
    void workersLivingThroughRepeatedShortOutagesLoseNothingAndWriteNothingTwice() throws Exception {
        Path out = dir.resolve("all.log");
        Path spill = dir.resolve("spill");
        CollectorAddress address = freeAddress();
        Map<String, String> options = Map.of("spillDir", spill.toString(), "closeTimeout", "1s");
        int phases = 4;
        ChildJvm collector = CollectorProcess.start(address, out, dir.resolve("collector-0.out"), spill);
        List<ChildJvm> workers = new ArrayList<>();
        List<String> names = List.of("r0", "r1", "r2");
        try {
            for (String n : names) {
                workers.add(PhasedWorker.start(address, options, n, EVENTS, phases, dir.resolve(n + ".out")));
            }
            for (int p = 0; p < phases; p++) {
                for (ChildJvm w : workers) {
                    w.send("go");
                }
                for (ChildJvm w : workers) {
                    w.awaitLine("logged " + p, Duration.ofSeconds(60));
                }
                collector.destroyForcibly();
                assertThat(collector.waitFor(30, TimeUnit.SECONDS)).isTrue();
                if (p == phases - 1) {
                    for (ChildJvm w : workers) { // the last outage outlives the workers
                        assertThat(w.awaitExit(Duration.ofSeconds(60))).as(w.output()).isZero();
                    }
                }
                collector = CollectorProcess.start(address, out, dir.resolve("collector-" + (p + 1) + ".out"), spill);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Events.lines(out).size() >= names.size() * EVENTS
                    && queues(spill) == 0);
            assertThat(WrittenEvents.problems(out, names, EVENTS)).isEmpty();
            assertThat(Events.lines(out)).hasSize(names.size() * EVENTS);
        } finally {
            collector.destroyForcibly();
            workers.forEach(ChildJvm::destroyForcibly);
        }
    }

    private static long[] counts(ChildJvm worker) {
        Matcher m = COUNTS.matcher(worker.output());
        assertThat(m.find()).as(worker.output()).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static long queues(Path spill) throws java.io.IOException {
        if (!Files.isDirectory(spill)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(spill)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".spill")).count();
        }
    }

    private static boolean oldEnough(Path spill) throws java.io.IOException {
        long limit = System.currentTimeMillis() - dev.spool.forward.SpillDirectory.GRACE.toMillis() - 100;
        try (Stream<Path> s = Files.list(spill)) {
            return s.allMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() < limit;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    private static CollectorAddress freeAddress() throws java.io.IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return CollectorAddress.tcp("127.0.0.1", probe.getLocalPort());
        }
    }
}
