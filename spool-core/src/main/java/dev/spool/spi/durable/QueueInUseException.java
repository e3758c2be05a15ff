package dev.spool.spi.durable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The queue's directory is held by another open queue, in this process or another (its lock file is
 * locked). A caller choosing among several directories tries the next one.
 */
public final class QueueInUseException extends IOException {

    private final Path dir;

    public QueueInUseException(Path dir) {
        super("queue directory " + dir + " is in use by another destination or process");
        this.dir = dir;
    }

    /** The directory that is in use. */
    public Path dir() {
        return dir;
    }
}
