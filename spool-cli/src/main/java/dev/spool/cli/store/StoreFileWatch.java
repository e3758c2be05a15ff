package dev.spool.cli.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Notices when the SQLite file a long-running reader ({@code spool tail -f}, {@code spool serve}) opened is
 * no longer the file at its path, as {@code tail -F} does: renamed away by a rotation and a new file made,
 * or deleted and created again. An open SQLite connection keeps reading the old file, so the reader must
 * open the path again. The file's identity (device and inode on Unix), its disappearance, and a file that
 * got smaller (a new database where a grown one was) each count as a replacement.
 *
 * <p>Not thread-safe: one reader calls it, or calls are synchronized by the caller.
 */
public final class StoreFileWatch {

    /** What happened to the file since the store was opened. */
    public enum Change {
        /** The same file, or nothing new to say. */
        NONE,
        /** No file at the path now (said once, until it is back). */
        DELETED,
        /** Another file is at the path: open it. */
        REPLACED
    }

    private final Path file;
    private Object identity;
    private long sizeBytes;
    private boolean gone;

    private StoreFileWatch(Path file) {
        this.file = file;
    }

    /** A watch on the store's file, or null when the store is not a file (a PostgreSQL server). */
    public static StoreFileWatch of(StoreLocation location) {
        String url = location.url();
        return url.startsWith("sqlite:") ? new StoreFileWatch(Path.of(url.substring("sqlite:".length()))) : null;
    }

    /** The watched path, for messages. */
    public Path file() {
        return file;
    }

    /** Remembers the file now at the path as the one the store reads; call right after opening it. */
    public void opened() {
        BasicFileAttributes now = attributes();
        identity = now == null ? null : now.fileKey();
        sizeBytes = now == null ? 0 : now.size();
        gone = now == null;
    }

    /** Whether the file at the path is still the one opened; {@link Change#REPLACED} until {@link #opened()}. */
    public Change check() {
        BasicFileAttributes now = attributes();
        if (now == null) {
            if (gone) {
                return Change.NONE;
            }
            gone = true;
            return Change.DELETED;
        }
        boolean replaced = gone || !Objects.equals(identity, now.fileKey()) || now.size() < sizeBytes;
        if (!replaced) {
            sizeBytes = now.size();
            return Change.NONE;
        }
        gone = true; // stays replaced until opened() records the new file
        return Change.REPLACED;
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null; // unreadable now: treated as gone, and read again at the next check
        }
    }
}
