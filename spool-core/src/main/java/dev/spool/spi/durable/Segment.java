package dev.spool.spi.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One segment file: its global base position and, once sealed or recovered, its length. */
final class Segment {

    static final String SUFFIX = ".seg";

    final long base;
    final Path file;
    /** Bytes in the file; for the active segment, updated by the writer after each complete append. */
    volatile long length;
    /** The sealed segment's channel until its writes are forced, or it is released first; guarded by the queue. */
    FileChannel unsynced;

    Segment(long base, Path file, long length) {
        this.base = base;
        this.file = file;
        this.length = length;
    }

    long end() {
        return base + length;
    }

    /** Sums the event counts of the plausible record headers from position {@code from} on. */
    long countEvents(long from) throws IOException {
        long events = 0;
        ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = from - base;
            while (at + RecordCodec.HEADER_BYTES <= length) {
                header.clear();
                if (ch.read(header, at) < RecordCodec.HEADER_BYTES || !RecordCodec.plausible(header, length - at)) {
                    break;
                }
                events += header.getInt(8);
                at += RecordCodec.HEADER_BYTES + header.getInt(4);
            }
        }
        return events;
    }

    static Path fileFor(Path dir, long base) {
        return dir.resolve(String.format("%020d", base) + SUFFIX);
    }

    /** The base position named by a segment file, or -1 if the name is not a segment's. */
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
