package dev.spool.testkit.jvm;

import dev.spool.spi.support.DaemonThreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a child prints, line by line: read by one daemon thread per stream (so the child never blocks on
 * a full pipe), kept in memory for waits and messages, and copied to a file when the test wants one.
 * Waits are timed {@code wait}s woken by each new line and by the end of the output.
 */
final class ChildOutput {

    /** One line and the stream it came from. */
    private record Line(boolean stderr, String text) {
    }

    private static final int TAIL_LINES = 200;

    private final String name;
    private final List<Line> lines = new ArrayList<>();
    private final Writer copy;
    private int openStreams;
    private int readCursor;

    ChildOutput(String name, Path file) throws IOException {
        this.name = name;
        this.copy = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /**
     * Starts reading the child's stdout, and its stderr when {@code separateStderr} (otherwise the process
     * merges it into stdout), each on a daemon thread. Both are counted open before either thread starts.
     */
    synchronized void read(Process process, boolean separateStderr) {
        openStreams = separateStderr ? 2 : 1;
        start(process.getInputStream(), false);
        if (separateStderr) {
            start(process.getErrorStream(), true);
        }
    }

    private void start(InputStream in, boolean stderr) {
        String stream = stderr ? "err" : "out";
        DaemonThreads.named("child-" + name + "-" + stream).newThread(() -> pump(in, stderr)).start();
    }

    private void pump(InputStream in, boolean stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                add(new Line(stderr, line));
            }
        } catch (IOException e) {
            add(new Line(true, "(output of " + name + " unreadable: " + e + ")"));
        } finally {
            ended();
        }
    }

    private synchronized void add(Line line) {
        lines.add(line);
        if (copy != null) {
            try {
                copy.write(line.text());
                copy.write('\n');
                copy.flush();
            } catch (IOException e) {
                lines.add(new Line(true, "(copy of the output not written: " + e + ")"));
            }
        }
        notifyAll();
    }

    private synchronized void ended() {
        if (--openStreams == 0 && copy != null) {
            try {
                copy.close();
            } catch (IOException e) {
                lines.add(new Line(true, "(copy of the output not closed: " + e + ")"));
            }
        }
        notifyAll();
    }

    /** The index of the first stdout line at or after line {@code from} that {@code wanted} accepts, or -1. */
    synchronized int find(int from, Predicate<String> wanted) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).stderr() && wanted.test(lines.get(i).text())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * As {@link #find}, waiting up to {@code atMost} for such a line; -1 when the output ended without one.
     * @throws AssertionError naming {@code what} and showing the output when the wait times out
     */
    synchronized int await(int from, Predicate<String> wanted, String what, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (int next = from; ; ) {
            int found = find(next, wanted);
            if (found >= 0 || openStreams == 0) {
                return found;
            }
            next = Math.max(next, lines.size()); // searched up to here; the wait below lets new lines in
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + " did not print " + what + " within " + atMost + "; output:\n" + tail());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The line at {@code index}. */
    synchronized String line(int index) {
        return lines.get(index).text();
    }

    /** The next stdout line no earlier {@link #next} returned, waiting up to {@code atMost}; null at the end. */
    synchronized String next(Duration atMost) throws InterruptedException {
        int i = await(readCursor, line -> true, "another line", atMost);
        readCursor = i < 0 ? lines.size() : i + 1;
        return i < 0 ? null : lines.get(i).text();
    }

    /** Waits up to {@code atMost} for every stream to end (after the child exited); true if they did. */
    synchronized boolean awaitEnd(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (long left = atMost.toNanos(); openStreams > 0 && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
        return openStreams == 0;
    }

    /** Every line of both streams in the order they arrived, each ending in a newline. */
    synchronized String text() {
        return join(lines, line -> true);
    }

    /** The lines of the child's stderr ({@code stderr} true) or stdout (false), each ending in a newline. */
    synchronized String text(boolean stderr) {
        return join(lines, line -> line.stderr() == stderr);
    }

    /** The last lines of both streams, for failure messages. */
    synchronized String tail() {
        return join(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()), line -> true);
    }

    private static String join(List<Line> lines, Predicate<Line> which) {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            if (which.test(line)) {
                text.append(line.text()).append('\n');
            }
        }
        return text.toString();
    }
}
