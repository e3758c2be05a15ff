package dev.spool.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the machine for a fixture ({@code mount}, {@code pg_ctlcluster}, {@code rabbitmqctl}):
 * stdout and stderr captured together, a bounded wait, the process killed when it runs over. The one
 * runner the kit's fixtures share; child JVMs have {@link dev.spool.testkit.jvm.ChildJvm}.
 */
public final class HostCommand {

    /** What a finished command left: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {

        /** Whether it exited with 0. */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private HostCommand() {
    }

    /**
     * Runs {@code command} and waits at most {@code timeout} for it.
     *
     * @throws AssertionError when it cannot be started or does not finish in time (it is then killed)
     */
    public static Result run(Duration timeout, String... command) {
        String line = String.join(" ", command);
        Path output = null;
        try {
            output = Files.createTempFile("spool-host-command", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(line + " did not finish within " + timeout + ": " + read(output));
            }
            return new Result(p.exitValue(), read(output));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + line + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + line, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind costs nothing
                }
            }
        }
    }

    /**
     * Runs {@code command} and requires exit code 0.
     *
     * @param hint what the reader should know when it fails, e.g. "this test needs root to mount a tmpfs"
     * @return what it printed
     * @throws AssertionError naming the command, its exit code, its output and the hint
     */
    public static String require(Duration timeout, String hint, String... command) {
        Result r = run(timeout, command);
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", command) + " failed with exit code " + r.exitCode()
                    + (hint == null ? "" : " (" + hint + ")") + ": " + r.output());
        }
        return r.output();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
