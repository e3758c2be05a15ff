package dev.spool.spi.durable;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.Diagnostics;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * An append-only, checksummed, size-bounded queue of records on disk that keeps each record until the
 * receiver has acknowledged it ({@link #commit}), across crashes and restarts; the layout and recovery
 * rules are in the package description. A record is an opaque payload and the number of events it holds.
 *
 * <p>Records are readable as soon as {@link #append} returns; they reach the disk at the next
 * {@link #syncIfDue} that finds the fsync interval passed (a process kill loses nothing, since written
 * data is in the page cache; a power cut loses about that interval). The committed position is
 * persisted at the same pace, so a queue reopened after a crash resumes after the last commit it
 * persisted: records after it are read again, never lost.
 *
 * <p>Thread-safety: one appending thread ({@link #append}) and one reading thread ({@link #reader()},
 * {@link #commit}, {@link #syncIfDue}) at a time, which may be the same thread. The segment table is
 * guarded by this object's monitor, which {@code append} holds only briefly (or waits on, with
 * {@link QueueSettings.WhenFull#BLOCK}); the statistics may be read from any thread.
 */
public final class DurableQueue implements Closeable {

    private static final String ID_FILE = "spool.id";
    private static final String COMMITTED_FILE = "committed";

    /**
     * Reads a queue's records in order, checking each one's checksum and skipping damaged bytes (counted
     * in {@link #corruptBytes()}). Not thread-safe: the reading thread. The current record's accessors are
     * valid until the next {@link #next()}.
     */
    public interface Reader extends Closeable {

        /** Moves to {@code position}, normally {@link #committedPosition()} or a record's end. */
        void seek(long position);

        /** Reads the next whole record; false if none follows yet (the reader then stays where it is). */
        boolean next() throws IOException;

        /** Start position of the current record (stable across restarts: it can name the record). */
        long recordStart();

        /** Position just after the current record: what to {@link #commit} once it is delivered. */
        long recordEnd();

        /** Events in the current record. */
        int events();

        /** The current record's payload, read-only, from position 0 to its limit. */
        ByteBuffer payload();

        /** Closes the files this reader has open. */
        @Override
        void close() throws IOException;
    }

    private final QueueSettings settings;
    private final DirectoryLock lock;
    private final CommittedPosition committedFile;
    private final SegmentTable segments;
    private final String id;
    /** Serializes writes of the committed position; never held while waiting for this object's monitor. */
    private final Object persistLock = new Object();
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong blockedAppends = new AtomicLong();
    private final AtomicLong corruptBytes = new AtomicLong();
    private final AtomicLong corruptRegions = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile long committed;
    private volatile long floor;
    private long corruptCountedUpTo;
    private long lastSyncNanos = System.nanoTime();
    private boolean unsynced;
    private volatile boolean commitUnpersisted;
    private volatile boolean closed;
    private volatile Runnable onAppend = () -> { };

    private DurableQueue(QueueSettings settings, DirectoryLock lock) throws IOException {
        this.settings = settings;
        this.lock = lock;
        this.segments = new SegmentTable(settings.dir());
        this.id = readOrCreateId(settings.dir().resolve(ID_FILE));
        this.committedFile = new CommittedPosition(settings.dir().resolve(COMMITTED_FILE));
    }

    /**
     * Opens (or creates) the queue in {@code settings.dir()}: finds its segments, deletes those already
     * committed, checks every remaining record's checksum (reporting damage through
     * {@link #corruptBytes()}) and starts a fresh active segment.
     *
     * @throws IOException if the directory cannot be used or another queue holds it; nothing stays open
     */
    public static DurableQueue open(QueueSettings settings) throws IOException {
        Files.createDirectories(settings.dir());
        DirectoryLock lock = DirectoryLock.take(settings.dir());
        DurableQueue queue;
        try {
            queue = new DurableQueue(settings, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            queue.recover();
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
        return queue;
    }

    private synchronized void recover() throws IOException {
        long last = segments.load();
        long persisted = committedFile.read();
        Segment first = segments.at(0);
        committed = persisted >= 0 ? persisted : first == null ? 0 : first.base;
        segments.releaseUpTo(committed);
        segments.startActive(Math.max(last, committed));
        try (Reader scan = reader()) {
            scan.seek(committed);
            long events = 0;
            while (scan.next()) {
                events += scan.events();
            }
            pendingEvents.set(events);
        }
    }

    private static String readOrCreateId(Path file) throws IOException {
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id, StandardCharsets.US_ASCII);
        return id;
    }

    /** Calls {@code listener} on the appending thread after each append, to wake a reading thread. */
    public void onAppend(Runnable listener) {
        this.onAppend = listener;
    }

    /** The largest payload {@link #append} takes: half of {@code maxBytes} less a header, at most 64 MiB. */
    public long maxPayloadBytes() {
        return Math.min(RecordCodec.MAX_PAYLOAD_BYTES, settings.maxBytes() / 2 - RecordCodec.HEADER_BYTES);
    }

    /**
     * Appends one record of {@code payload}'s bytes holding {@code events} events. With
     * {@link QueueSettings.WhenFull#BLOCK} and no room, waits up to the block timeout for a commit to
     * release a segment, then returns false (the caller keeps the record and may retry; the refusal is
     * counted). With {@link QueueSettings.WhenFull#DROP_OLDEST}, deletes old segments to make room.
     * Appending thread only.
     *
     * @throws IOException              if the disk refuses the write; the record is then not in the queue
     * @throws IllegalArgumentException if the payload is larger than {@link #maxPayloadBytes()}
     */
    public boolean append(ByteBuilder payload, int events) throws IOException {
        return append(payload.array(), 0, payload.length(), events);
    }

    /** As {@link #append(ByteBuilder, int)}, for the payload {@code payload[offset, offset + length)}. */
    public boolean append(byte[] payload, int offset, int length, int events) throws IOException {
        if (length > maxPayloadBytes() || events < 0) {
            throw new IllegalArgumentException("record of " + length + " bytes and " + events
                    + " events; the queue takes up to " + maxPayloadBytes() + " bytes");
        }
        if (!makeRoom(RecordCodec.HEADER_BYTES + length)) {
            blockedAppends.incrementAndGet();
            return false;
        }
        RecordCodec.encodeHeader(header, crc, payload, offset, length, events);
        segments.write(header, ByteBuffer.wrap(payload, offset, length));
        synchronized (this) {
            unsynced = true;
        }
        pendingEvents.addAndGet(events);
        onAppend.run();
        return true;
    }

    /**
     * The largest payload {@link #append} would take now without waiting or dropping (0 if none). Only a
     * commit makes it larger: when one thread both appends and commits, the answer holds, less what that
     * thread appends, so it can check each event against it without asking again.
     */
    public synchronized long roomBytes() {
        long left = settings.maxBytes() - segments.diskBytes() - RecordCodec.HEADER_BYTES;
        return Math.max(0, Math.min(maxPayloadBytes(), left));
    }

    private synchronized boolean makeRoom(int recordBytes) throws IOException {
        long deadline = System.nanoTime() + settings.blockTimeout().toNanos();
        while (segments.diskBytes() + recordBytes > settings.maxBytes()) {
            if (settings.whenFull() == QueueSettings.WhenFull.DROP_OLDEST) {
                dropOldest();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        Segment active = segments.active();
        if (active.length > 0 && active.length + recordBytes > settings.segmentBytes()) {
            rolled();
        }
        return true;
    }

    private void rolled() throws IOException {
        segments.roll(); // the sealed segment's writes wait for the next due sync
        unsynced = false;
    }

    /** Deletes the oldest segment, counting its uncommitted events as dropped. */
    private void dropOldest() throws IOException {
        if (segments.at(0) == segments.active()) {
            rolled();
        }
        Segment oldest = segments.pollOldest();
        long lost = oldest.countEvents(Math.max(committed, oldest.base));
        Files.deleteIfExists(oldest.file);
        floor = oldest.end();
        if (committed < floor) {
            committed = floor;
            pendingEvents.addAndGet(-lost);
            droppedEvents.addAndGet(lost);
            persistCommitted();
        }
        Diagnostics.warn("queue.full." + settings.dir(), "queue " + settings.dir() + " is full: dropped its oldest"
                + " segment, " + lost + " unacknowledged events (" + droppedEvents.get() + " so far)", null);
    }

    /**
     * Forces appended data and the committed position to disk if the fsync interval has passed. Reading
     * thread: the forces run outside this object's monitor, so {@code append} never waits for them.
     */
    public void syncIfDue() throws IOException {
        List<FileChannel> sealed;
        FileChannel active;
        synchronized (this) {
            long now = System.nanoTime();
            if (closed || now - lastSyncNanos < settings.fsyncInterval().toNanos()) {
                return;
            }
            lastSyncNanos = now;
            sealed = segments.takeUnsynced();
            active = unsynced ? segments.activeChannel() : null;
            unsynced = false;
        }
        for (FileChannel channel : sealed) {
            try (channel) {
                force(channel);
            }
        }
        if (active != null) {
            force(active);
        }
        if (commitUnpersisted) {
            persistCommitted();
        }
    }

    private void force(FileChannel channel) throws IOException {
        try {
            channel.force(false);
            syncs.incrementAndGet();
        } catch (ClosedChannelException released) {
            // its segment was delivered or dropped meanwhile: nothing to keep
        }
    }

    /**
     * Records that everything before {@code endPosition} is delivered, releasing {@code events} from the
     * pending count and deleting segments wholly delivered. A position at or before the current one is
     * ignored. Reading thread only.
     */
    public synchronized void commit(long endPosition, long events) throws IOException {
        if (endPosition <= committed) {
            return;
        }
        committed = endPosition;
        pendingEvents.addAndGet(-events);
        commitUnpersisted = true;
        if (segments.releaseUpTo(committed)) {
            notifyAll();
        }
    }

    private void persistCommitted() throws IOException {
        synchronized (persistLock) {
            commitUnpersisted = false;
            committedFile.write(committed);
        }
    }

    /** A reader positioned at the start of the queue; {@link Reader#seek} it to resume. */
    public Reader reader() {
        return new SegmentReader(this);
    }

    synchronized Segment segmentAt(long position) {
        return segments.at(position);
    }

    synchronized Segment segmentAfter(Segment s) {
        return segments.after(s);
    }

    long floor() {
        return floor;
    }

    /** Counts damage once, even when a reader passes the same region again after a rewind. */
    synchronized void noteCorrupt(long position, long bytes) {
        if (position < corruptCountedUpTo || bytes <= 0) {
            return;
        }
        corruptCountedUpTo = position + bytes;
        corruptRegions.incrementAndGet();
        corruptBytes.addAndGet(bytes);
        Diagnostics.warn("queue.corrupt." + settings.dir(), "queue " + settings.dir() + ": " + bytes + " damaged"
                + " bytes at position " + position + " failed their checksum and were skipped; records around"
                + " them are kept", null);
    }

    /** The random id naming this queue, stable across restarts (for message ids, say). */
    public String id() {
        return id;
    }

    /** The settings the queue was opened with. */
    public QueueSettings settings() {
        return settings;
    }

    /** Position up to which the receiver acknowledged everything. */
    public long committedPosition() {
        return committed;
    }

    /** Position after the last appended record. */
    public long appendedPosition() {
        return segments.active().end();
    }

    /** Events appended and not yet committed (nor dropped). */
    public long pendingEvents() {
        return pendingEvents.get();
    }

    /** Bytes of records appended and not yet committed (damaged bytes included). */
    public long pendingBytes() {
        return Math.max(0, appendedPosition() - committed);
    }

    /** Bytes of the segment files still held (bounded by {@code maxBytes}). */
    public synchronized long diskBytes() {
        return segments.diskBytes();
    }

    /** Uncommitted events deleted by {@link QueueSettings.WhenFull#DROP_OLDEST}. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** Appends refused because the queue stayed full for the block timeout. */
    public long blockedAppends() {
        return blockedAppends.get();
    }

    /** Bytes skipped because they failed their checksum (torn or damaged records). */
    public long corruptBytes() {
        return corruptBytes.get();
    }

    /** Separate damaged regions found. */
    public long corruptRegions() {
        return corruptRegions.get();
    }

    /** Times {@link #syncIfDue} forced appended data to disk. */
    public long syncs() {
        return syncs.get();
    }

    /** Forces appended data, persists the committed position and releases the directory. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            segments.close();
            if (committedFile.isOpen()) {
                persistCommitted();
            }
        } finally {
            try {
                committedFile.close();
            } finally {
                lock.close();
                notifyAll();
            }
        }
    }

    /**
     * Closes the queue and, if every record appended was committed, deletes its files and its directory
     * (a queue nobody will resume leaves nothing behind).
     *
     * @return whether the queue was empty and deleted; if not, it was closed as by {@link #close()}
     */
    public synchronized boolean closeAndDeleteIfEmpty() throws IOException {
        if (closed || pendingBytes() > 0) {
            close();
            return false;
        }
        closed = true;
        Path dir = settings.dir();
        try {
            segments.deleteAll();
            committedFile.close();
            Files.deleteIfExists(dir.resolve(COMMITTED_FILE));
            Files.deleteIfExists(dir.resolve(ID_FILE));
            Files.deleteIfExists(dir.resolve(DirectoryLock.FILE)); // still held: nobody opens it meanwhile
        } finally {
            lock.close();
            notifyAll();
        }
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException othersFiles) {
            return true; // files someone else put there stay, and so does the directory
        }
        return true;
    }
}
