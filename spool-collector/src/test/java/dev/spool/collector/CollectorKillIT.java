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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector process is killed with SIGKILL in the middle of a run and started again: the workers
 * keep what was not acknowledged and resend it, the restarted collector recognises what it had already
 * written (from its own file), so every event is in the file exactly once and in order.
 */
class CollectorKillIT {

    private static final int WORKERS = 4;
    private static final int EVENTS = 50_000;

    @TempDir
    Path dir;

    @Test
    void noEventIsLostOrWrittenTwiceWhenTheCollectorIsKilledAndRestarted() throws Exception {
        Path out = dir.resolve("all.log");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        CollectorAddress address = CollectorAddress.tcp("127.0.0.1", port);
        ChildJvm collector = CollectorProcess.start(address, out, dir.resolve("collector-1.out"));
        List<ChildJvm> workers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int w = 0; w < WORKERS; w++) {
                names.add("k" + w);
                workers.add(Worker.start(address, "k" + w, EVENTS, dir.resolve("k" + w + ".out")));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(out) && Files.size(out) > 0
                    && Events.lines(out).size() > WORKERS * EVENTS / 4);
            collector.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
            assertThat(collector.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long linesAtKill = Events.lines(out).size();
            assertThat(linesAtKill).as("killed mid-run").isLessThan(WORKERS * EVENTS);

            collector = CollectorProcess.start(address, out, dir.resolve("collector-2.out"));
            for (int w = 0; w < WORKERS; w++) {
                assertThat(workers.get(w).waitFor(180, TimeUnit.SECONDS)).as("worker %d finished", w).isTrue();
                assertThat(workers.get(w).exitValue()).as(Files.readString(dir.resolve("k" + w + ".out"))).isZero();
            }
            try (WireClient status = WireClient.connect(address)) { // for the report: how much was resent
                System.out.println("lines at kill " + linesAtKill + "; restarted collector: "
                        + status.send("{\"spool\":1,\"status\":true}").readLine());
            }
            assertThat(WrittenEvents.problems(out, names, EVENTS)).isEmpty();
            assertThat(Events.lines(out)).hasSize(WORKERS * EVENTS);
        } finally {
            collector.destroyForcibly();
            workers.forEach(ChildJvm::destroyForcibly);
        }
    }
}
