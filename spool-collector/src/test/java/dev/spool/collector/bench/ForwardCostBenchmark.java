package dev.spool.collector.bench;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.collector.Collector;
import dev.spool.collector.CollectorConfig;
import dev.spool.forward.CollectorAddress;
import dev.spool.spi.Ingress;
import dev.spool.testkit.TestEvent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time the forward destination's writer thread spends per event (formatting, keeping it until it is
 * acknowledged, sending), with an embedded collector acknowledging over a unix socket. Thread CPU time
 * hardly moves when other processes compete for the cores, so it compares two builds on a busy machine
 * where events per second cannot.
 *
 * <pre>
 * java -cp CLASSPATH dev.spool.collector.bench.ForwardCostBenchmark [events=1000000] [rounds=5]
 * </pre>
 */
public final class ForwardCostBenchmark {

    private ForwardCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("spool-forward-cost");
        SpoolConfig out = SpoolConfig.builder().name("collector").jmx(false).shutdownHook(false)
                .destination("out", "file", Map.of("path", dir.resolve("all.log").toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Collector collector = Collector.start(CollectorConfig.builder(out)
                .listen(CollectorAddress.unix(dir.resolve("c.sock"))).build())) {
            Set<Long> before = new HashSet<>();
            Arrays.stream(threads.getAllThreadIds()).forEach(before::add);
            Ingress sender = Ingress.start(SpoolConfig.builder().name("sender").jmx(false).shutdownHook(false)
                    .destination("fwd", "forward", Map.of("address", collector.address().toString(),
                            "spill", dir.resolve("sender.spill").toString()))
                    .route("root", "", Level.TRACE, "fwd").build());
            long writer = Arrays.stream(threads.getAllThreadIds()).filter(id -> !before.contains(id))
                    .filter(id -> threads.getThreadInfo(id).getThreadName().startsWith("spool-writer"))
                    .findFirst().orElseThrow();
            long acked = send(sender, collector, events / 4, 0); // warm-up
            for (int r = 0; r < rounds; r++) {
                long cpu = threads.getThreadCpuTime(writer);
                long wall = System.nanoTime();
                acked = send(sender, collector, events, acked);
                double ns = (threads.getThreadCpuTime(writer) - cpu) / (double) events;
                double rate = events / ((System.nanoTime() - wall) / 1e9);
                System.out.printf("round %d: writer thread %.0f ns CPU per event; %,.0f events/s%n", r, ns, rate);
            }
            sender.shutdown(java.time.Duration.ofSeconds(30));
        }
    }

    private static long send(Ingress sender, Collector collector, int events, long ackedBefore) {
        for (int i = 0; i < events; i++) {
            sender.ingest(TestEvent.event().id(EventId.high(System.currentTimeMillis()), EventId.nextLow()).message("event " + i));
        }
        long target = ackedBefore + events;
        while (collector.stats().eventsAcked() < target) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // sampling a counter, not waiting for an event
        }
        return target;
    }
}
