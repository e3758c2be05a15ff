package dev.spool.testkit.jvm;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test's child JVM, started by {@link #builder(Class)}: its output (stdout and stderr together, or apart
 * when asked) is read as it comes and kept, lines go to its stdin with {@link #send}, and it is stopped
 * with SIGTERM ({@link #destroy()}) or SIGKILL ({@link #kill()}). The names that {@link Process} has mean
 * what they mean there. Signals go through the process handle, so that what the child printed before
 * a signal can still be read. Safe for use from several threads.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.builder(Worker.class).args("w1", "1000").jvmOptions("-Xmx128m")
 *         .outputFile(dir.resolve("w1.log")).startAwaiting("ready", Duration.ofSeconds(60))) {
 *     child.send("go");
 *     assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.output()).isZero();
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {

    /** How long {@link #kill()} and the end of a child's output are waited for; both happen at once normally. */
    private static final Duration GONE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final ChildOutput output;
    private final PrintWriter stdin;

    ChildJvm(String name, Process process, ChildOutput output) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** A builder for a child running {@code main} (a class on this JVM's class path). */
    public static ChildJvmBuilder builder(Class<?> main) {
        return new ChildJvmBuilder(main);
    }

    /** The name given to the builder (the main class's simple name by default), used in messages. */
    public String name() {
        return name;
    }

    /** Sends one line to the child's stdin; fails, showing the output, when the child no longer reads it. */
    public void send(String line) {
        stdin.println(line);
        if (stdin.checkError()) {
            throw new UncheckedIOException(new IOException(name + " no longer reads its stdin (exited?); output:\n"
                    + output.tail()));
        }
    }

    /** Waits until the child has printed exactly {@code line} (now or earlier) and returns it. */
    public String awaitLine(String line, Duration atMost) throws InterruptedException {
        return await(line::equals, "\"" + line + "\"", atMost);
    }

    /** Waits until the child has printed a line starting with {@code prefix} (now or earlier) and returns the first. */
    public String awaitLineStartingWith(String prefix, Duration atMost) throws InterruptedException {
        return await(l -> l.startsWith(prefix), "a line starting with \"" + prefix + "\"", atMost);
    }

    /**
     * Waits up to {@code atMost} for the first stdout line {@code wanted} accepts.
     * @throws AssertionError showing the output, when the wait times out or the output ends first
     */
    private String await(Predicate<String> wanted, String what, Duration atMost) throws InterruptedException {
        int index = output.await(0, wanted, what, atMost);
        if (index < 0) {
            throw new AssertionError(name + " ended its output (" + status() + ") before printing " + what
                    + "; output:\n" + output.tail());
        }
        return output.line(index);
    }

    /**
     * The next line of the child's stdout that this method has not returned before, waiting up to
     * {@code atMost} for it (as {@code BufferedReader.readLine} with a bound); null once the output ended.
     * @throws AssertionError when no line comes within {@code atMost}
     */
    public String readLine(Duration atMost) throws InterruptedException {
        return output.next(atMost);
    }

    /** The first line printed so far that starts with {@code prefix}, or null; does not wait. */
    public String lineStartingWith(String prefix) {
        int index = output.find(0, l -> l.startsWith(prefix));
        return index < 0 ? null : output.line(index);
    }

    /** Everything printed so far, stdout and stderr in the order they came. */
    public String output() {
        return output.text();
    }

    /** What the child printed on stdout so far (everything it printed, unless its stderr was kept apart). */
    public String stdout() {
        return output.text(false);
    }

    /** What the child printed on stderr so far when the builder kept it apart; empty otherwise. */
    public String stderr() {
        return output.text(true);
    }

    /** As {@link Process#waitFor(long, TimeUnit)}; once true, the output is complete. */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            return false;
        }
        output.awaitEnd(GONE); // a grandchild holding the pipe open must not hang the test
        return true;
    }

    /**
     * Waits for the child to exit by itself and returns its exit code, its output then complete; kills it
     * and fails, showing its output, when it has not exited within {@code atMost}.
     */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!waitFor(atMost.toNanos(), TimeUnit.NANOSECONDS)) {
            kill();
            throw new AssertionError(name + " did not exit within " + atMost + "; output:\n" + output.tail());
        }
        return process.exitValue();
    }

    /** As {@link Process#exitValue()}: the exit code; throws {@link IllegalThreadStateException} while it runs. */
    public int exitValue() {
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: the child runs its shutdown hooks and exits (with 143 for a JVM). Does not wait. */
    public void destroy() {
        process.toHandle().destroy();
    }

    /** SIGTERM, then {@link #awaitExit}: returns the exit code once the shutdown hooks have run. */
    public int terminate(Duration atMost) throws InterruptedException {
        destroy();
        return awaitExit(atMost);
    }

    /** SIGKILL: the child gets no chance to finish anything. Does not wait; {@link #kill()} does. */
    public void destroyForcibly() {
        process.toHandle().destroyForcibly();
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() throws InterruptedException {
        destroyForcibly();
        if (!process.waitFor(GONE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs " + GONE + " after SIGKILL");
        }
    }

    /** Kills the child if it still runs and closes its stdin: call it (or use try-with-resources) when done. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (process.isAlive()) {
                kill();
            }
        } finally {
            stdin.close();
        }
    }

    private String status() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + status() + ")";
    }
}
