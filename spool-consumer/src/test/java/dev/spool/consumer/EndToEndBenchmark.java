package dev.spool.consumer;

import dev.spool.Level;
import dev.spool.postgres.PostgresStore;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import dev.spool.testkit.amqp.ProducerProcess;
import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.postgres.PostgresServer;
import dev.spool.testkit.postgres.ScratchDatabase;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * End to end through the real RabbitMQ into the real PostgreSQL: producer processes (child JVMs, each
 * logging through an {@code amqp} destination with its own disk spool) and a consumer with 1 or 2 workers
 * in this JVM, writing into a fresh database per run. A runnable main, not a test (docs/BENCHMARKS.md).
 *
 * <p>A run's time goes from the moment the producers are told to log (JVMs started, Spool configured,
 * consumer idle on the empty queue) to the moment the consumer has committed as many events as were
 * logged; the store is then checked for every event, and a run that lost or duplicated any reports that
 * instead of a rate. Also printed: when the producers had logged everything, and when the broker had
 * confirmed everything (the producers' shutdown returned).
 *
 * <p>Each run is preceded by a baseline in the same round: the same events written straight into PostgreSQL
 * through {@link PostgresStore#writer} by as many threads as the run has workers (no broker, no JSON), so
 * the ratio says what the trip through RabbitMQ costs on this machine.
 *
 * <p>Arguments: {@code [producers=2] [eventsPerProducer=250000] [rounds=3] [workers=1,2] [batchEvents=1000]}.
 * Rounds alternate the worker counts so both see the same machine.
 */
public final class EndToEndBenchmark {

    private EndToEndBenchmark() {
    }

    /** One run: seconds to log, to have the broker confirm, to have the store commit; and what was found. */
    private record Run(int workers, long events, double loggedSeconds, double brokerSeconds, double storedSeconds,
                       List<String> problems, double storeOnlyRate, Cpu cpu) {
        double rate() {
            return events / storedSeconds;
        }
    }

    /**
     * The baseline, in the same round: the same number of events, shaped like the producers' (message
     * {@code "event"}, fields producer and seq), written straight through {@link PostgresStore#writer} by
     * {@code threads} threads in batches of {@code batchEvents}, into a fresh database; no broker, no JSON.
     * Returns events per second.
     */
    private static double storeOnly(long events, int threads, int batchEvents) throws Exception {
        try (ScratchDatabase database = ScratchDatabase.create()) {
            String url = database.url();
            long perThread = events / threads;
            List<Thread> writers = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int producer = t;
                Thread w = new Thread(() -> {
                    try (StoreWriter writer = PostgresStore.writer(url)) {
                        for (long seq = 0; seq < perThread; ) {
                            List<TestEvent> batch = new ArrayList<>(batchEvents);
                            for (int i = 0; i < batchEvents && seq < perThread; i++, seq++) {
                                batch.add(TestEvent.event().id(producer + 1, seq).timestampMicros(Instant.now().toEpochMilli() * 1000)
                                        .level(Level.INFO).logger("it.producer").thread("main", 1).message("event")
                                        .field("producer", (long) producer).field("seq", seq));
                            }
                            writer.write(batch);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "store-only-" + t);
                writers.add(w);
                w.start();
            }
            for (Thread w : writers) {
                w.join();
            }
            double seconds = seconds(start);
            long stored = PostgresServer.number(url, "SELECT count(DISTINCT event_id) FROM logs");
            if (!failures.isEmpty() || stored != perThread * threads) {
                throw new IllegalStateException("store-only baseline stored " + stored + " of " + perThread * threads
                        + ": " + failures);
            }
            return stored / seconds;
        }
    }

    /**
     * CPU seconds each part used during a run: the producer JVMs (their own count, from start to exit), this
     * JVM (the consumer, plus the harness's polling), the PostgreSQL backends serving the run's database
     * (read from /proc before the consumer closes them), and the broker's Erlang VM (which also serves
     * whatever else runs on the machine).
     */
    private record Cpu(double producers, double consumer, double postgres, double broker) {
        double total() {
            return producers + consumer + postgres + broker;
        }

        @Override
        public String toString() {
            return String.format("CPU s: producers %.1f, consumer %.1f, postgres backends %.1f, broker %.1f, total %.1f",
                    producers, consumer, postgres, broker, total());
        }
    }

    public static void main(String[] args) throws Exception {
        int producers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long perProducer = args.length > 1 ? Long.parseLong(args[1]) : 250_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] workerCounts = Arrays.stream((args.length > 3 ? args[3] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        int batchEvents = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        System.out.printf("%s: %d producers x %,d events, %d rounds, workers %s, batchEvents %d%n", Instant.now(),
                producers, perProducer, rounds, Arrays.toString(workerCounts), batchEvents);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int workers : workerCounts) {
                Run r = null;
                for (int attempt = 1; r == null; attempt++) {
                    try {
                        double baseline = storeOnly(producers * perProducer, workers, batchEvents);
                        r = run(producers, perProducer, workers, batchEvents, baseline);
                    } catch (Exception | AssertionError e) {
                        // A server restarted under the run by another session on this machine: say so, run again.
                        System.out.printf("round %d, %d worker(s): attempt %d failed (%s), running it again%n", round,
                                workers, attempt, e);
                        if (attempt == 3) {
                            throw e;
                        }
                    }
                }
                runs.add(r);
                System.out.printf("round %d, %d worker(s): %s; store only, %d thread(s): %,.0f events/s  [load %s]%n",
                        round, workers, describe(r), workers, r.storeOnlyRate(), load());
            }
        }
        System.out.println("medians (events/s from the first log call to the last commit):");
        for (int workers : workerCounts) {
            List<Run> mine = runs.stream().filter(r -> r.workers() == workers).toList();
            if (mine.stream().anyMatch(r -> !r.problems().isEmpty())) {
                System.out.printf("  %d worker(s): a run lost or duplicated events, no rate%n", workers);
                continue;
            }
            System.out.printf("  %d worker(s): %,.0f events/s into PostgreSQL (runs %s); broker confirmed at %,.0f events/s;"
                    + " store only %,.0f events/s; end to end / store only %.2f (median of the per-round ratios)%n",
                    workers, median(mine.stream().mapToDouble(Run::rate).toArray()),
                    mine.stream().map(r -> String.format("%,.0f", r.rate())).toList(),
                    median(mine.stream().mapToDouble(r -> r.events() / r.brokerSeconds()).toArray()),
                    median(mine.stream().mapToDouble(Run::storeOnlyRate).toArray()),
                    median(mine.stream().mapToDouble(r -> r.rate() / r.storeOnlyRate()).toArray()));
        }
    }

    private static Run run(int producerCount, long perProducer, int workers, int batchEvents, double storeOnlyRate)
            throws Exception {
        Path work = Files.createTempDirectory("spool-e2e-bench");
        long events = producerCount * perProducer;
        try (IngestRig rig = IngestRig.create(work)) {
            List<ChildJvm> producers = new ArrayList<>();
            for (int p = 0; p < producerCount; p++) {
                producers.add(rig.producer(p));
            }
            for (ChildJvm p : producers) {
                p.awaitLine(ProducerProcess.READY, Duration.ofSeconds(60));
            }
            ConsumerSettings settings = ConsumerSettings.builder().amqpUri(IngestRig.AMQP_URI).queue(rig.name)
                    .exchange(rig.name).store(rig.store).workers(workers).batchEvents(batchEvents)
                    .batchTime(Duration.ofMillis(200)).build();
            double brokerBefore = brokerCpu();
            double selfBefore = selfCpu();
            try (Consumer consumer = Consumer.start(settings)) {
                long start = System.nanoTime();
                IngestRig.logOnEach(producers, perProducer, perProducer, Duration.ofMinutes(5));
                double logged = seconds(start);
                IngestRig.exitEach(producers, Duration.ofMinutes(10));
                double broker = seconds(start);
                await("the consumer to commit " + events + " events").atMost(Duration.ofMinutes(15))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> consumer.stats().eventsStored() + consumer.stats().duplicates() >= events);
                double stored = seconds(start);
                double producerCpu = 0;
                for (ChildJvm p : producers) {
                    producerCpu += Long.parseLong(p.lineStartingWith(ProducerProcess.CPU + " ").substring(4)) / 1e9;
                }
                Cpu cpu = new Cpu(producerCpu, selfCpu() - selfBefore, backendCpu(rig.store), brokerCpu() - brokerBefore);
                consumer.close();
                List<String> problems = rig.stored.check(producerCount, perProducer, 0);
                return new Run(workers, events, logged, broker, stored, problems, storeOnlyRate, cpu);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static double selfCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU seconds of the backends now connected to the database of {@code url}. */
    private static double backendCpu(String url) throws Exception {
        String db = url.substring(url.lastIndexOf('/') + 1);
        double total = 0;
        try (var c = PostgresServer.connect(url); var s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ?"
                + " AND pid <> pg_backend_pid()")) {
            s.setString(1, db);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    total += procCpu(r.getLong(1));
                }
            }
        }
        return total;
    }

    /** CPU seconds of RabbitMQ's Erlang VM, 0 if it cannot be found. */
    private static double brokerCpu() throws Exception {
        try (var procs = Files.list(Path.of("/proc"))) {
            double total = 0;
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals("beam.smp")) {
                        total += procCpu(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while we looked
                }
            }
            return total;
        }
    }

    /** utime + stime of a process from /proc/PID/stat, in seconds (clock ticks of 10 ms). */
    private static double procCpu(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15 of stat
    }

    private static String describe(Run r) {
        String timing = String.format("%,d events logged in %.2f s, confirmed by the broker at %.2f s, committed at %.2f s",
                r.events(), r.loggedSeconds(), r.brokerSeconds(), r.storedSeconds());
        return r.problems().isEmpty() ? String.format("%,.0f events/s (%s; %s)", r.rate(), timing, r.cpu())
                : "LOSS OR DUPLICATES " + r.problems() + " (" + timing + ")";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
