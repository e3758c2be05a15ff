package dev.spool.collector;

import dev.spool.Logger;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.forward.CollectorAddress;
import dev.spool.forward.Forwarding;
import dev.spool.testkit.jvm.ChildJvm;

/**
 * A worker process for collector tests: it has no configuration of its own, only {@code $SPOOL_FORWARD}
 * set by its parent. Logs {@code args[1]} events with messages {@code NAME-0}, {@code NAME-1}, ... then
 * shuts Spool down (which waits for the collector's acknowledgements) and prints its stats.
 */
public final class Worker {

    private Worker() {
    }

    public static void main(String[] args) {
        String name = args[0];
        int count = Integer.parseInt(args[1]);
        Logger log = Spool.logger("worker." + name);
        for (int i = 0; i < count; i++) {
            log.info("{}-{}", name, i);
        }
        // A collector being restarted on a loaded machine may take longer than the forward destination's
        // close timeout: wait (bounded) for its acknowledgements before shutting down.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(150))
                .until(() -> Spool.flush(java.time.Duration.ofSeconds(1)) && !Spool.stats().destinations().get(0).backlog());
        PipelineStats stats = Spool.shutdown(java.time.Duration.ofSeconds(60));
        System.out.println("written=" + stats.written() + " dropped=" + stats.droppedTotal()
                + " failed=" + stats.destinationFailed() + " backlog=" + stats.destinations().get(0).backlog());
        System.exit(stats.written() == count && !stats.destinations().get(0).backlog() ? 0 : 1);
    }

    /** Starts a worker JVM forwarding to {@code address}, with its output going to {@code log}. */
    public static ChildJvm start(CollectorAddress address, String name, int count, java.nio.file.Path log)
            throws java.io.IOException {
        return ChildJvm.builder(Worker.class).name("worker-" + name)
                .jvmOptions("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1").args(name, String.valueOf(count))
                .configure(worker -> Forwarding.configure(worker, address, null)).outputFile(log).start();
    }
}
