package dev.spool.bench.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this process as the kernel counts it ({@code /proc/self/task}, 10 ms
 * ticks), grouped by the thread's kernel name with digits removed: unlike {@link ThreadCpu} it sees the
 * JVM's own threads (garbage collector, JIT compilers), which are often where a short run's time goes.
 * Threads that ended in between are not seen. Empty where {@code /proc} is not available.
 */
final class NativeThreads {

    private final Map<String, Long> start;

    private NativeThreads(Map<String, Long> start) {
        this.start = start;
    }

    /** Takes the first snapshot. */
    static NativeThreads start() {
        return new NativeThreads(ticksByTask());
    }

    /** The groups that used at least 0.05 µs per event since the snapshot, largest first. */
    String perEvent(long events) {
        Map<String, Long> now = ticksByTask();
        if (now.isEmpty()) {
            return "per-thread CPU from /proc not available";
        }
        Map<String, Long> groups = new HashMap<>();
        now.forEach((key, ticks) -> groups.merge(key.substring(key.indexOf(' ') + 1).replaceAll("\\d+", "N"),
                ticks - start.getOrDefault(key, 0L), Long::sum));
        return "µs CPU/event by kernel thread (/proc, 10 ms ticks): " + groups.entrySet().stream()
                .filter(e -> e.getValue() * 1e4 / Math.max(1, events) >= 0.05)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() * 1e4 / Math.max(1, events)))
                .collect(Collectors.joining(", "));
    }

    /** "TID NAME" to utime + stime ticks, for every live thread of this process. */
    private static Map<String, Long> ticksByTask() {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    out.put(task.getFileName() + " " + stat.substring(open + 1, close),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }
}
