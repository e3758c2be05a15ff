package dev.spool.collector;

import dev.spool.forward.CollectorAddress;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real worker JVMs, configured only by {@code $SPOOL_FORWARD}, log through one collector into one file.
 */
class ManyProcessesIT {

    private static final int WORKERS = 8;
    private static final int EVENTS = 50_000;

    @TempDir
    Path dir;

    @Test
    void eightWorkersEachEventOnceInOrderInOneFile() throws Exception {
        Path out = dir.resolve("all.log");
        try (Collector collector = Collector.start(CollectorConfig.builder(CollectorIT.fileOutput(out, "many"))
                .listen(CollectorAddress.unix(dir.resolve("c.sock"))).build())) {
            List<ChildJvm> workers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                names.add("w" + w);
                workers.add(Worker.start(collector.address(), "w" + w, EVENTS, dir.resolve("w" + w + ".out")));
            }
            for (int w = 0; w < WORKERS; w++) {
                assertThat(workers.get(w).waitFor(180, TimeUnit.SECONDS)).as("worker %d finished", w).isTrue();
                assertThat(workers.get(w).exitValue()).as(Files.readString(dir.resolve("w" + w + ".out"))).isZero();
            }
            assertThat(WrittenEvents.problems(out, names, EVENTS)).isEmpty();
            assertThat(Events.lines(out)).hasSize(WORKERS * EVENTS);
            assertThat(collector.stats().rejectedTotal()).isZero();
        }
    }
}
