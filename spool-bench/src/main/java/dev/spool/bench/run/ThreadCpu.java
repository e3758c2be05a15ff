package dev.spool.bench.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time of a run split by who spent it: the producers (each measures itself), the JIT compilers,
 * the garbage collector, and the backend's own threads (Spool's writer, a peer's appender thread).
 * CPU time is far less sensitive than wall-clock rates to other processes sharing the machine, so two
 * builds compared by CPU per event differ by what they do, not by when the scheduler let them run.
 *
 * <p>Threads are read from {@code /proc/self/task/TID/comm} and {@code schedstat} (nanoseconds the thread
 * ran) at the start, after the producers finished and after the backend stopped. A backend's thread
 * usually ends with its stop and leaves {@code /proc}; what it ran after the second look is the part of
 * the process's CPU time (from the OS) that no thread still alive accounts for. Off Linux only the
 * producers and the process total are known; the rest reads 0.
 */
public final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path STAT = Path.of("/proc/stat");
    /** {@code /proc/stat} counts in USER_HZ ticks, 100 a second on Linux whatever the kernel's own HZ. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** Per thread id: its name and the nanoseconds it ran. */
    private record Sample(String name, long nanos) {
    }

    private final long processStart;
    private final long stealStart;
    private final Map<String, Sample> start;
    private Map<String, Sample> producersDone = Map.of();

    private ThreadCpu(long processStart, long stealStart, Map<String, Sample> start) {
        this.processStart = processStart;
        this.stealStart = stealStart;
        this.start = start;
    }

    /** Takes the first look; call it once the producers are ready, just before they are released. */
    static ThreadCpu begin() {
        return new ThreadCpu(processNanos(), stealTicks(), sample());
    }

    /** The second look: the producers have finished, the backend may still be writing. */
    void producersDone() {
        producersDone = sample();
    }

    /**
     * The last look, after the backend stopped: returns {@code cpu.*} nanoseconds for the result file.
     *
     * @param producerNanos the producers' own CPU time, summed
     */
    Map<String, String> end(long producerNanos) {
        // The threads first, then the process total: threads still running while /proc is read add to their
        // own figures, and with the total read first that time came off the ended threads' share.
        Map<String, Sample> last = sample();
        long process = processNanos() - processStart;
        Map<String, Sample> lastSeen = new HashMap<>(producersDone);
        lastSeen.putAll(last);
        long jit = 0;
        long gc = 0;
        long backend = 0;
        long aliveOther = 0;
        for (Map.Entry<String, Sample> e : lastSeen.entrySet()) {
            Sample before = start.get(e.getKey());
            long ran = e.getValue().nanos - (before == null ? 0 : before.nanos);
            String name = e.getValue().name;
            if (isCompiler(name)) {
                jit += ran;
            } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                gc += ran;
            } else if (name.startsWith("bench-producer")) {
                continue; // measured by the producers themselves, exactly
            } else if (!last.containsKey(e.getKey()) || isBackend(name)) {
                backend += ran;
            } else {
                aliveOther += ran;
            }
        }
        // Whatever the threads still alive do not account for ran on threads that ended after the second look:
        // the backend's, stopping. Never below what was seen of them directly.
        long unseen = Math.max(0, process - producerNanos - jit - gc - backend - aliveOther);
        Map<String, String> result = new LinkedHashMap<>();
        result.put("cpu.processNanos", Long.toString(process));
        result.put("cpu.producerNanos", Long.toString(producerNanos));
        result.put("cpu.backendNanos", Long.toString(backend + unseen));
        result.put("cpu.jitNanos", Long.toString(jit));
        result.put("cpu.gcNanos", Long.toString(gc));
        result.put("cpu.otherNanos", Long.toString(aliveOther));
        long steal = stealTicks();
        if (steal >= 0 && stealStart >= 0) {
            result.put("cpu.hostStealNanos", Long.toString((steal - stealStart) * NANOS_PER_TICK));
        }
        return result;
    }

    /**
     * The machine's steal time so far, in ticks: time the hypervisor ran something else while this VM's
     * CPUs had work, summed over the CPUs; -1 where {@code /proc/stat} cannot be read. On the 2-core VMs the
     * benchmarks run on, it is what the latency harness's own floor is made of (docs/BENCHMARKS.md).
     */
    static long stealTicks() {
        try {
            String stat = Files.readString(STAT, StandardCharsets.US_ASCII);
            int end = stat.indexOf('\n');
            return stealTicks(end < 0 ? stat : stat.substring(0, end));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The steal column of {@code /proc/stat}'s first line ({@code cpu user nice system idle iowait irq softirq
     * steal ...}); 0 for a kernel too old to have it, -1 for a line that is not the total {@code cpu} line.
     */
    static long stealTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length == 0 || !f[0].equals("cpu")) {
            return -1;
        }
        return f.length > 8 ? Long.parseLong(f[8]) : 0;
    }

    /**
     * Nanoseconds this JVM's JIT compiler threads alive now have run since they started (the threads the
     * management interface does not list); 0 where {@code /proc} is not available.
     */
    public static long compilerNanos() {
        long total = 0;
        for (Sample s : sample().values()) {
            total += isCompiler(s.name) ? s.nanos : 0;
        }
        return total;
    }

    private static boolean isCompiler(String name) {
        return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
    }

    /** Threads a backend starts for itself (a JVM thread, the main thread and the producers are not). */
    private static boolean isBackend(String name) {
        return name.startsWith("spool-") || name.startsWith("AsyncAppender") || name.startsWith("Log4j2-")
                || name.startsWith("logback-");
    }

    /** The calling thread's CPU time in nanoseconds (a producer measures itself with it). */
    static long currentThreadNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static Map<String, Sample> sample() {
        Map<String, Sample> threads = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return threads;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                    String stat = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8);
                    threads.put(task.getFileName().toString(), new Sample(name, Long.parseLong(stat.split(" ")[0])));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between listing and reading: the process total still has its time
                }
            }
        } catch (IOException e) {
            threads.clear();
        }
        return threads;
    }
}
