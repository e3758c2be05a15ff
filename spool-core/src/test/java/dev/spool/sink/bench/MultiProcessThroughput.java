package dev.spool.sink.bench;

import dev.spool.sink.SharedFileWriter;
import dev.spool.testkit.jvm.ChildJvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Aggregate events/s of 1, 2 and 4 processes logging through Spool into one rolling file in multi-process
 * mode, against one process in the default single-process mode.
 *
 * <p>Each run starts the child JVMs ({@link SharedFileWriter}), waits until all are ready, starts them
 * together and measures, per child, the time until its last event is in the file; a run's throughput is
 * all events over the slowest child's time. Each case runs {@code repeats} times in a fresh directory and
 * the median is printed. Usage (from the repository root, after {@code mvn -pl spool-core test-compile}):
 *
 * <pre>java -cp spool-core/target/classes:spool-core/target/test-classes \
 *     dev.spool.sink.bench.MultiProcessThroughput [eventsPerProcess=500000] [repeats=3] [maxSize=10MB]</pre>
 */
public final class MultiProcessThroughput {

    /** How long a child may take to start or to write its events: a bound, not a pace. */
    private static final Duration RUN = Duration.ofMinutes(10);

    private MultiProcessThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String maxSize = args.length > 2 ? args[2] : "10MB";
        System.out.printf(Locale.ROOT, "%d events per process, maxSize %s, median of %d runs%n", events, maxSize, repeats);
        double single = report("single-process mode, 1 process", 1, false, events, repeats, maxSize);
        for (int processes : new int[] {1, 2, 4}) {
            double shared = report("multiProcess, " + processes + " process" + (processes > 1 ? "es" : ""),
                    processes, true, events, repeats, maxSize);
            System.out.printf(Locale.ROOT, "    = %.2f x single-process%n", shared / single);
        }
    }

    private static double report(String label, int processes, boolean shared, int events, int repeats,
                                 String maxSize) throws Exception {
        double[] results = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            results[r] = run(processes, shared, events, maxSize);
        }
        Arrays.sort(results);
        double median = results[repeats / 2];
        System.out.printf(Locale.ROOT, "%-34s %,12.0f events/s  (runs: %s)%n", label, median,
                Arrays.toString(Arrays.stream(results).mapToLong(Math::round).toArray()));
        return median;
    }

    /** One run in a fresh directory; returns aggregate events per second. */
    private static double run(int processes, boolean shared, int events, String maxSize) throws Exception {
        Path dir = Files.createTempDirectory("spool-bench");
        List<ChildJvm> children = new ArrayList<>();
        try {
            start(dir.resolve("app.log"), processes, shared, events, maxSize, children);
            for (ChildJvm child : children) {
                child.send("");
            }
            long slowestNanos = 0;
            for (ChildJvm child : children) {
                slowestNanos = Math.max(slowestNanos, Long.parseLong(child.awaitLineStartingWith("done ", RUN).substring(5)));
            }
            for (ChildJvm child : children) {
                child.awaitExit(Duration.ofSeconds(60));
            }
            return (double) processes * events / (slowestNanos / 1e9);
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
            deleteTree(dir);
        }
    }

    private static void start(Path file, int processes, boolean shared, int events, String maxSize,
                              List<ChildJvm> children) throws IOException, InterruptedException {
        for (int p = 0; p < processes; p++) {
            children.add(ChildJvm.builder(SharedFileWriter.class).name("writer-" + p).args(file.toString(),
                    Integer.toString(p), Integer.toString(events), maxSize, "none", Boolean.toString(shared)).start());
        }
        for (ChildJvm child : children) {
            child.awaitLineStartingWith("ready", RUN);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
