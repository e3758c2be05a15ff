package dev.spool.spi.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A queue's segment files by base position, and the active one being appended to. Guarded by the
 * queue's monitor, except {@link #write}, which only the appending thread calls, and which publishes a
 * record by raising the active segment's volatile length once it is wholly written.
 */
final class SegmentTable {

    private final Path dir;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private Segment active;
    private FileChannel activeChannel;

    SegmentTable(Path dir) {
        this.dir = dir;
    }

    /** Registers the segment files found; returns the end of the last one (0 if none). */
    long load() throws IOException {
        long end = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                long base = Segment.baseOf(file);
                if (base >= 0) {
                    Segment s = new Segment(base, file, Files.size(file));
                    segments.put(base, s);
                    end = Math.max(end, s.end());
                }
            }
        }
        return end;
    }

    /** Starts a new, empty active segment at {@code base}, replacing any file of that name. */
    void startActive(long base) throws IOException {
        active = new Segment(base, Segment.fileFor(dir, base), 0);
        activeChannel = FileChannel.open(active.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        segments.put(base, active);
    }

    /**
     * Seals the active segment and starts the next one where it ends. The sealed one is forced at the next
     * due sync ({@link #takeUnsynced}), on the reading thread, or never if it is released before.
     */
    void roll() throws IOException {
        active.unsynced = activeChannel;
        startActive(active.end());
    }

    /** The sealed segments' channels that still need forcing; the caller forces and closes them. */
    List<FileChannel> takeUnsynced() {
        List<FileChannel> channels = new ArrayList<>();
        for (Segment s : segments.values()) {
            if (s.unsynced != null) {
                channels.add(s.unsynced);
                s.unsynced = null;
            }
        }
        return channels;
    }

    /** Forgets a segment's unforced writes: it was delivered or dropped, so nothing needs them on disk. */
    private static void discard(Segment s) throws IOException {
        if (s.unsynced != null) {
            s.unsynced.close();
            s.unsynced = null;
        }
    }

    /** Writes one whole record at the end of the active segment; on failure leaves no part of it. */
    void write(ByteBuffer header, ByteBuffer payload) throws IOException {
        long at = active.length;
        long recordBytes = header.remaining() + payload.remaining();
        ByteBuffer[] record = {header, payload};
        try {
            activeChannel.position(at);
            while (header.hasRemaining() || payload.hasRemaining()) {
                activeChannel.write(record);
            }
        } catch (IOException e) {
            activeChannel.truncate(at);
            throw e;
        }
        active.length = at + recordBytes; // volatile: readers see whole records only
    }

    /** Deletes the sealed segments that end at or before {@code position}; returns whether any was. */
    boolean releaseUpTo(long position) throws IOException {
        boolean released = false;
        for (Map.Entry<Long, Segment> e = segments.firstEntry(); e != null && e.getValue() != active
                && e.getValue().end() <= position; e = segments.firstEntry()) {
            segments.pollFirstEntry();
            discard(e.getValue());
            Files.deleteIfExists(e.getValue().file);
            released = true;
        }
        return released;
    }

    /** Removes the oldest segment from the table (sealing the active one first if it is the only one). */
    Segment pollOldest() throws IOException {
        if (segments.firstEntry().getValue() == active) {
            roll();
        }
        Segment oldest = segments.pollFirstEntry().getValue();
        discard(oldest);
        return oldest;
    }

    Segment at(long position) {
        Map.Entry<Long, Segment> e = segments.floorEntry(position);
        if (e == null) {
            e = segments.firstEntry();
        }
        return e == null ? null : e.getValue();
    }

    Segment after(Segment s) {
        Map.Entry<Long, Segment> e = segments.higherEntry(s.base);
        return e == null ? null : e.getValue();
    }

    Segment active() {
        return active;
    }

    FileChannel activeChannel() {
        return activeChannel;
    }

    /** Bytes from the start of the oldest segment held to the end of the active one. */
    long diskBytes() {
        return active.end() - segments.firstKey();
    }

    /** Forces and closes the active segment and the sealed ones not yet forced. */
    void close() throws IOException {
        for (FileChannel sealed : takeUnsynced()) {
            try (sealed) {
                sealed.force(false);
            }
        }
        if (activeChannel != null && activeChannel.isOpen()) {
            activeChannel.force(false);
            activeChannel.close();
        }
    }

    /** Deletes every segment file; the table is unusable afterwards. */
    void deleteAll() throws IOException {
        for (Segment s : segments.values()) {
            discard(s);
        }
        activeChannel.close();
        for (Segment s : segments.values()) {
            Files.deleteIfExists(s.file);
        }
        segments.clear();
    }
}
