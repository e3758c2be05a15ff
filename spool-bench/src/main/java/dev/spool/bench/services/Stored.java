package dev.spool.bench.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reading back what a suite stored, and the small facts every suite reports. */
final class Stored {

    private Stored() {
    }

    /** Scans every line of {@code file} (gunzipped when its name ends in {@code .gz}) into {@code arrivals}. */
    static void scanLines(Path file, Arrivals arrivals) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                arrivals.scan(line);
            }
        }
    }

    /** The regular files in {@code dir} whose names start with {@code prefix}, sorted by name. */
    static List<Path> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)).sorted()
                    .toList();
        }
    }

    /** CPU nanoseconds this process has used. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** "N.N µs CPU/event" for this process over a run. */
    static String cpuPerEvent(long cpuNanos, long events) {
        return String.format(Locale.ROOT, "%.2f µs CPU/event (this JVM)", cpuNanos / 1e3 / Math.max(1, events));
    }

    /** Deletes {@code dir} and everything below it. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
