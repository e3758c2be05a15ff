package dev.spool.sqlite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running {@link SqliteWriterMain} in its own JVM, with this test's class path; output goes to files. */
final class ChildWriter {

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String runId;

    private ChildWriter(Process process, Path stdout, Path stderr, String runId) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.runId = runId;
    }

    /** Starts a child writing {@code count} events (-1: until killed) as run {@code runId}. */
    static ChildWriter start(Path workDir, Path db, String runId, long count, String batchTime) throws IOException {
        Path out = workDir.resolve(runId + ".out");
        Path err = workDir.resolve(runId + ".err");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SqliteWriterMain.class.getName(),
                db.toString(), runId, Long.toString(count), batchTime);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SPOOL_CONFIG");
        return new ChildWriter(builder.start(), out, err, runId);
    }

    String runId() {
        return runId;
    }

    /** Waits for a normal exit and returns the exit code. */
    int waitForExit(long timeoutSeconds) throws IOException, InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child " + runId + " did not exit within " + timeoutSeconds + " s; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }
}
