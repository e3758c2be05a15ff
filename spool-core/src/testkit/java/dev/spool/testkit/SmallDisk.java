package dev.spool.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A real small file system: a tmpfs mounted for one test, which can be filled up and emptied again.
 * Needs root (mount). When mounting does not work the test fails, never skips, so a lost guarantee
 * cannot hide behind a skipped test.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path root;
    private final Path filler;

    private SmallDisk(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    /** Mounts a tmpfs of {@code sizeKib} KiB on a new directory {@code parent/disk}. */
    public static SmallDisk mount(Path parent, int sizeKib) throws IOException, InterruptedException {
        Path dir = Files.createDirectory(parent.resolve("disk"));
        run("mount", "-t", "tmpfs", "-o", "size=" + sizeKib + "k", "tmpfs", dir.toString());
        return new SmallDisk(dir);
    }

    public Path root() {
        return root;
    }

    /** Fills the disk with a filler file, then frees {@code freeBytes} of it. */
    public void fillLeaving(long freeBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            try {
                while (true) {
                    zeros.clear();
                    channel.write(zeros);
                }
            } catch (IOException full) {
                if (!String.valueOf(full.getMessage()).contains("No space left")) {
                    throw full;
                }
            }
            channel.truncate(Math.max(0, channel.size() - freeBytes));
        }
    }

    /** Makes the disk read-only (a remount), as a file system that turned read-only after errors. */
    public void remountReadOnly() throws IOException, InterruptedException {
        run("mount", "-o", "remount,ro", root.toString());
    }

    /** Deletes the filler: space is back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", root.toString());
    }

    private static void run(String... command) {
        HostCommand.require(Duration.ofSeconds(30), "this test needs root to mount a tmpfs", command);
    }
}
