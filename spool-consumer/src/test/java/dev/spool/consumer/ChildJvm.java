package dev.spool.consumer;

import org.awaitility.core.ConditionTimeoutException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A child JVM on the test class path running one {@code main}: commands go to its stdin, its output
 * (stdout and stderr together) is kept for {@link #awaitLine} and copied to a log file for failures.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final PrintWriter stdin;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.reader = new Thread(() -> copyOutput(log), "child-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args} in a JVM of at most {@code heap} MB, logging to {@code dir/name.log}. */
    static ChildJvm start(String name, Path dir, int heapMegabytes, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMegabytes + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().remove("SPOOL_CONFIG");
        return new ChildJvm(name, b.start(), dir.resolve(name + ".log"));
    }

    private void copyOutput(Path log) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                file.write(line);
                file.write('\n');
                file.flush();
            }
        } catch (IOException e) {
            lines.add("(output unreadable: " + e + ")");
        }
    }

    /** Sends one command line to the child's stdin. */
    void send(String command) {
        stdin.println(command);
        if (stdin.checkError()) {
            throw new UncheckedIOException(new IOException(name + " no longer reads its stdin (exited?); output:\n" + output()));
        }
    }

    /** Waits until the child has printed {@code line}; fails naming the child and its output otherwise. */
    void awaitLine(String line, Duration atMost) {
        try {
            await(name + " to print \"" + line + "\"").atMost(atMost).pollInterval(Duration.ofMillis(20))
                    .until(() -> lines.contains(line) || (!process.isAlive() && !reader.isAlive()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not print \"" + line + "\" within " + atMost + "; output:\n" + output(), e);
        }
        if (!lines.contains(line)) {
            throw new AssertionError(name + " exited with " + process.exitValue() + " before printing \"" + line
                    + "\"; output:\n" + output());
        }
    }

    /** The first line printed that starts with {@code prefix}, or null. */
    String lineStartingWith(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
    }

    /** Waits for the child to exit by itself and returns its exit code; kills it and fails after {@code atMost}. */
    int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + atMost + "; output:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** SIGKILL: the child gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly(); // through the handle: Process.destroy* would close our end of its output

        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the child's shutdown hooks to finish; returns the exit code (143 for a JVM). */
    int terminate(Duration atMost) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(atMost);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    /** Everything the child printed so far, the last 200 lines at most. */
    String output() {
        List<String> all = List.copyOf(lines);
        return String.join("\n", all.subList(Math.max(0, all.size() - 200), all.size()));
    }

    /** Kills the child if it is still running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        stdin.close();
    }
}
