package dev.spool.bench.services;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads between two moments, grouped by thread name with its numbers removed
 * ({@code spool-writer-3} counts as {@code spool-writer-N}): where a suite's time goes, per event, with the
 * JIT compilers' threads ({@link dev.spool.bench.run.ThreadCpu#compilerNanos()}, which the management interface does not list) as
 * {@value #COMPILERS}. Threads that ended in between are not seen (their time is in the process total).
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The group of the JIT compilers' threads. */
    static final String COMPILERS = "JIT compilers";

    private final Map<Long, Long> start = new HashMap<>();
    private long compilersStart;

    private ThreadCpu() {
    }

    /** Takes the first snapshot. */
    static ThreadCpu start() {
        ThreadCpu t = new ThreadCpu();
        for (long id : THREADS.getAllThreadIds()) {
            t.start.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        t.compilersStart = dev.spool.bench.run.ThreadCpu.compilerNanos();
        return t;
    }

    /**
     * The groups that used at least 0.05 µs per event since the snapshot, largest first
     * ({@code spool-writer-N 1.20}), with the producers' own count (their threads have ended) and the JIT
     * compilers'.
     */
    String perEvent(long events, Producers.Logged producers) {
        Map<String, Long> groups = new HashMap<>();
        groups.put("producers", producers.cpuNanos());
        groups.put(COMPILERS, Math.max(0, dev.spool.bench.run.ThreadCpu.compilerNanos() - compilersStart));
        for (long id : THREADS.getAllThreadIds()) {
            long now = THREADS.getThreadCpuTime(id);
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            if (now < 0 || info == null) {
                continue;
            }
            String group = info.getThreadName().replaceAll("\\d+", "N");
            groups.merge(group, now - start.getOrDefault(id, 0L), Long::sum);
        }
        Map<Double, String> sorted = new TreeMap<>(java.util.Comparator.reverseOrder());
        groups.forEach((name, nanos) -> {
            double micros = nanos / 1e3 / Math.max(1, events);
            if (micros >= 0.05) {
                sorted.merge(micros, name, (a, b) -> a + ", " + b);
            }
        });
        return "µs CPU/event by thread: " + sorted.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
    }
}
