package dev.spool.amqp.spool;

import java.nio.file.Path;

/** One segment file: its global base offset and, once sealed or recovered, its length. */
final class Segment {

    static final String SUFFIX = ".seg";

    final long base;
    final Path file;
    /** Bytes in the file; for the active segment, updated by the writer after each complete append. */
    volatile long length;

    Segment(long base, Path file, long length) {
        this.base = base;
        this.file = file;
        this.length = length;
    }

    long end() {
        return base + length;
    }

    static Path fileFor(Path dir, long base) {
        return dir.resolve(String.format("%020d", base) + SUFFIX);
    }

    /** The base offset named by a segment file, or -1 if the name is not a segment's. */
    static long baseOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
