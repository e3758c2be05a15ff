package dev.spool.collector.bench;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.collector.Worker;
import dev.spool.forward.CollectorAddress;
import dev.spool.testkit.jvm.ChildJvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Events per second from N worker processes through one collector into one JSON Lines file.
 *
 * <pre>
 * mvn -B -o -q -P '!jdk25' -pl spool-collector -am test-compile
 * M2=~/.m2/repository
 * java -cp spool-core/target/classes:spool-collector/target/classes:spool-collector/target/test-classes:\
 * $M2/org/awaitility/awaitility/4.3.0/awaitility-4.3.0.jar:$M2/org/hamcrest/hamcrest/2.1/hamcrest-2.1.jar \
 *     dev.spool.collector.bench.CollectorBenchmark [processes=4] [eventsPerProcess=250000] [tcp|unix]
 * </pre>
 *
 * The workers run on the same class path; they need Awaitility (and its Hamcrest) to wait for their
 * acknowledgements before they exit.
 *
 * Prints the rate over the time the collector was receiving (first event in to last event written and
 * acknowledged), which leaves out the workers' JVM start-up, and the wall time including it.
 */
public final class CollectorBenchmark {

    private CollectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int processes = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 250_000;
        boolean tcp = args.length > 2 && args[2].equals("tcp");
        Path dir = Files.createTempDirectory("spool-collector-bench");
        Path out = dir.resolve("all.log");
        SpoolConfig pipeline = SpoolConfig.builder().name("bench").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", out.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
        CollectorAddress listen = tcp ? CollectorAddress.tcp("127.0.0.1", 0) : CollectorAddress.unix(dir.resolve("c.sock"));
        long total = (long) processes * events;
        try (Collector collector = Collector.start(CollectorConfig.builder(pipeline).listen(listen).build())) {
            long wallStart = System.nanoTime();
            List<ChildJvm> workers = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                workers.add(Worker.start(collector.address(), "b" + p, events, dir.resolve("w" + p + ".out")));
            }
            long first = 0;
            while (collector.stats().eventsAcked() < total) {
                if (first == 0 && collector.stats().eventsIn() > 0) {
                    first = System.nanoTime();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // sampling the counters, not waiting for an event
            }
            long last = System.nanoTime();
            for (ChildJvm w : workers) {
                w.awaitExit(Duration.ofMinutes(10));
            }
            double seconds = (last - first) / 1e9;
            System.out.printf("%d processes x %d events through the collector (%s) into one file%n",
                    processes, events, tcp ? "tcp" : "unix socket");
            System.out.printf("  %,.0f events/s while receiving (%.2f s); wall time with JVM start-up %.2f s%n",
                    total / seconds, seconds, (last - wallStart) / 1e9);
            System.out.printf("  file: %,d bytes, %s%n", Files.size(out), collector.stats());
        }
    }
}
