package dev.spool.bench.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time this JVM's JIT compiler threads ({@code C1 CompilerThre*}, {@code C2 CompilerThre*}) have run,
 * from {@code /proc/self/task/TID/schedstat} (nanoseconds): the threads {@link ThreadCpu} cannot see, and in a
 * fresh JVM often a third of a short run's CPU. A compiler thread that ended (the JVM adds and removes them
 * as its queue grows and shrinks) is no longer counted. 0 where {@code /proc} is not available.
 */
final class Compilers {

    private static final Path TASKS = Path.of("/proc/self/task");

    private Compilers() {
    }

    /** Nanoseconds the compiler threads alive now have run since they started. */
    static long nanos() {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8);
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        String stat = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8);
                        total += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}
