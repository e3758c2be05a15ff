package dev.spool.sink.bench;

import dev.spool.sink.SharedFileWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
        List<Process> children = new ArrayList<>();
        try {
            List<BufferedReader> outputs = start(dir.resolve("app.log"), processes, shared, events, maxSize, children);
            for (Process child : children) {
                OutputStream in = child.getOutputStream();
                in.write('\n');
                in.flush();
            }
            long slowestNanos = 0;
            for (BufferedReader out : outputs) {
                slowestNanos = Math.max(slowestNanos, Long.parseLong(awaitLine(out, "done ").substring(5)));
            }
            for (Process child : children) {
                child.waitFor(60, TimeUnit.SECONDS);
            }
            return (double) processes * events / (slowestNanos / 1e9);
        } finally {
            children.forEach(Process::destroyForcibly);
            deleteTree(dir);
        }
    }

    private static List<BufferedReader> start(Path file, int processes, boolean shared, int events, String maxSize,
                                              List<Process> children) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<BufferedReader> outputs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SharedFileWriter.class.getName(), file.toString(), Integer.toString(p), Integer.toString(events),
                    maxSize, "none", Boolean.toString(shared))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            children.add(child);
            outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (BufferedReader out : outputs) {
            awaitLine(out, "ready");
        }
        return outputs;
    }

    private static String awaitLine(BufferedReader out, String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("a child process ended before printing '" + prefix + "'");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
