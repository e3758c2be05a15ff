package dev.spool.collector;

import dev.spool.DestinationStats;
import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.forward.CollectorAddress;
import dev.spool.forward.Forwarding;
import dev.spool.testkit.jvm.ChildJvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A worker for outage tests, configured only by its parent's {@code SPOOL_FORWARD*} variables: for each
 * of {@code args[2]} phases it waits for a line on stdin, logs its share of {@code args[1]} events
 * ({@code NAME-0}, {@code NAME-1}, ...) and prints {@code logged P}; then it shuts Spool down and prints
 * its forward destination's counts. Exits 0 when every event is counted as written or held, none failed.
 */
public final class PhasedWorker {

    private PhasedWorker() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int count = Integer.parseInt(args[1]);
        int phases = Integer.parseInt(args[2]);
        Logger log = Spool.logger("worker." + name);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int next = 0;
        for (int p = 0; p < phases; p++) {
            if (in.readLine() == null) {
                System.exit(2);
            }
            int end = (int) ((long) count * (p + 1) / phases);
            for (; next < end; next++) {
                log.info("{}-{}", name, next);
            }
            Spool.flush(Duration.ofSeconds(5));
            System.out.println("logged " + p);
            System.out.flush();
        }
        PipelineStats stats = Spool.shutdown(Duration.ofSeconds(60));
        DestinationStats d = stats.destinations().get(0);
        System.out.println("written=" + d.written() + " held=" + d.held() + " failed=" + d.failed());
        System.exit(d.written() + d.held() == count && d.failed() == 0 ? 0 : 1);
    }

    /** Starts a worker forwarding to {@code address} with the given forward options. */
    public static ChildJvm start(CollectorAddress address, Map<String, String> options, String name, int count,
                                 int phases, Path log) throws java.io.IOException {
        return ChildJvm.builder(PhasedWorker.class).name("worker-" + name)
                .jvmOptions("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .args(name, String.valueOf(count), String.valueOf(phases))
                .configure(worker -> Forwarding.configure(worker, address, null, options)).outputFile(log).start();
    }
}
