package dev.spool.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The machine-wide lock on the shared PostgreSQL and RabbitMQ, {@value #PATH}, which whoever restarts or
 * saturates them takes with {@code flock(1)}: a fault test holds it from its start to its end, so that no
 * other test run on the machine sees its faults, and it sees none of theirs.
 *
 * <p>Re-entrant across processes: when a process this JVM descends from holds it already (the test command
 * ran under {@code flock /tmp/spool-services.lock mvn ...}), {@link #acquire} returns at once. Otherwise a
 * small {@code flock} process takes it and holds it until {@link #close()}, or until this JVM dies (its
 * stdin, a pipe from this JVM, then ends). Linux only ({@code /proc/locks}).
 */
public final class ServicesLock implements AutoCloseable {

    /** The lock file every helper and test run of the machine agrees on. */
    public static final String PATH = "/tmp/spool-services.lock";
    private static final String LOCKED = "locked";
    private static final Duration RELEASE = Duration.ofSeconds(30);

    /** The {@code flock} process holding the lock; null when an ancestor of this JVM holds it. */
    private final Process holder;

    private ServicesLock(Process holder) {
        this.holder = holder;
    }

    /**
     * Takes the lock, waiting at most {@code atMost} for whoever holds it.
     *
     * @throws AssertionError when it is not free within {@code atMost}, or {@code flock} cannot be run
     */
    public static ServicesLock acquire(Duration atMost) {
        return acquire(Path.of(PATH), atMost);
    }

    /** {@link #acquire(Duration)} on another lock file (for the kit's own test). */
    static ServicesLock acquire(Path file, Duration atMost) {
        if (heldByAncestor(file)) {
            return new ServicesLock(null);
        }
        List<String> command = List.of("flock", "--exclusive", "--timeout", Long.toString(atMost.toSeconds()),
                file.toString(), "sh", "-c", "echo " + LOCKED + " && exec cat >/dev/null");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // flock gives up by itself after atMost: the read ends then, with null.
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!LOCKED.equals(line)) {
                p.destroyForcibly();
                throw new AssertionError(file + " was not free within " + atMost + " (another test run restarts or"
                        + " loads the shared PostgreSQL and RabbitMQ); flock said: " + line);
            }
            return new ServicesLock(p);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /** Whether the lock is held by this JVM's parent, its parent's parent, and so on. */
    private static boolean heldByAncestor(Path file) {
        Optional<Set<Long>> holders = holders(file);
        if (holders.isEmpty()) {
            return false;
        }
        for (Optional<ProcessHandle> p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
            if (holders.get().contains(p.get().pid())) {
                return true;
            }
        }
        return false;
    }

    /** The processes holding an flock on {@code file} (from {@code /proc/locks}), if the file exists. */
    private static Optional<Set<Long>> holders(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String inode = Files.getAttribute(file, "unix:ino").toString();
            Set<Long> pids = new HashSet<>();
            // "1: FLOCK  ADVISORY  WRITE 16751 fe:00:2146899 0 EOF"; waiters have "->" after the number.
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && f[1].equals("FLOCK") && f[5].endsWith(":" + inode)) {
                    pids.add(Long.parseLong(f[4]));
                }
            }
            return Optional.of(pids);
        } catch (IOException | UnsupportedOperationException e) {
            throw new AssertionError("cannot tell who holds " + file + " (Linux's /proc/locks): " + e.getMessage(), e);
        }
    }

    /** Releases the lock (unless an ancestor holds it) and waits for the holder to end. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (holder == null) {
            return;
        }
        holder.getOutputStream().close();
        if (!holder.waitFor(RELEASE.toMillis(), TimeUnit.MILLISECONDS)) {
            holder.destroyForcibly();
        }
    }
}
