package dev.spool.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a report was measured on, gathered by the harness itself so that no figure is published
 * without it.
 *
 * @param cores       processors available to the JVM
 * @param memoryBytes physical memory
 * @param cpu         model name from /proc/cpuinfo, or "unknown"
 * @param os          name, version, architecture
 * @param jdk         vendor, version and VM of the JDK that ran every benchmark JVM
 * @param jvmFlags    flags every benchmark JVM got
 * @param disk        file system type and device of the output directory, and whether it is rotational
 */
public record Machine(int cores, long memoryBytes, String cpu, String os, String jdk, String jvmFlags, String disk) {

    /** Reads the machine's facts; {@code outputDir} is where the benchmark files were written. */
    public static Machine detect(Path outputDir, List<String> jvmFlags) {
        return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryBytes(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.name") + ")",
                String.join(" ", jvmFlags), disk(outputDir));
    }

    private static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String cpuModel() {
        return lineStarting(Path.of("/proc/cpuinfo"), "model name")
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("unknown");
    }

    private static String disk(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return store.type() + " on " + store.name() + rotational(store.name());
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Whether the block device is rotational, from /sys. When the store is not a device (overlay, tmpfs),
     * the machine's disks are listed instead, since one of them holds the data.
     */
    private static String rotational(String device) {
        if (!device.startsWith("/dev/")) {
            return blockDevices();
        }
        String name = Path.of(device).getFileName().toString();
        for (String candidate : List.of(name, name.replaceAll("p?\\d+$", ""))) {
            Optional<String> kind = kind(candidate);
            if (kind.isPresent()) {
                return ", " + kind.get();
            }
        }
        return "";
    }

    private static String blockDevices() {
        try (var devices = Files.list(Path.of("/sys/block"))) {
            String list = devices.map(d -> d.getFileName().toString())
                    .filter(n -> !n.startsWith("loop") && !n.startsWith("ram") && !n.startsWith("zram"))
                    .sorted()
                    .map(n -> n + " " + kind(n).orElse("?"))
                    .collect(java.util.stream.Collectors.joining(", "));
            return list.isEmpty() ? "" : "; block devices: " + list;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<String> kind(String blockDevice) {
        return lineStarting(Path.of("/sys/block", blockDevice, "queue", "rotational"), "")
                .map(v -> (v.strip().equals("1") ? "rotational" : "non-rotational") + " (as /sys reports it)");
    }

    private static Optional<String> lineStarting(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Memory in GiB with one decimal. */
    public String memoryText() {
        return memoryBytes < 0 ? "unknown"
                : String.format(java.util.Locale.ROOT, "%.1f GiB", memoryBytes / (1024.0 * 1024 * 1024));
    }
}
