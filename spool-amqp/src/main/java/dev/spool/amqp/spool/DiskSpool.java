package dev.spool.amqp.spool;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.Diagnostics;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only, checksummed, size-bounded queue of records on disk, shared by one writer thread
 * ({@link #append}) and one reader thread ({@link #reader()}, {@link #commit}, {@link #syncIfDue}).
 *
 * <p>Records are appended to the active segment and are readable as soon as {@code append} returns;
 * they reach the disk at the next {@link #syncIfDue} that finds the interval passed, which the reading
 * thread calls at least every {@code fsyncInterval} (a process kill loses nothing, since written data is
 * in the page cache; a power cut loses about that interval). The directory is locked while open. A record
 * stays until a {@link #commit} passes its end; whole released segments are deleted. The committed
 * position is persisted, so a spool reopened after a crash resumes after the last commit it persisted
 * (records after it are sent again, never lost).
 *
 * <p>Thread-safety: one appending thread and one reading/committing thread at a time; the segment table
 * is guarded by this object's monitor, which {@code append} holds only briefly (or waits on, with
 * {@link SpoolFullPolicy#BLOCK}).
 */
public final class DiskSpool implements Closeable {

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final long fsyncIntervalNanos;
    private final SpoolFullPolicy fullPolicy;
    private final long blockTimeoutNanos;
    private final String spoolId;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final FileChannel committedFile;
    private final FileChannel lockFile;
    /** Serializes writes of the committed position; never held while waiting for this object's monitor. */
    private final Object persistLock = new Object();
    private final CRC32C crc = new CRC32C();
    private final ByteBuilder scratch = new ByteBuilder(64 * 1024);
    private final AtomicLong pendingEvents = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong blockedAppends = new AtomicLong();
    private final AtomicLong corruptBytes = new AtomicLong();
    private final AtomicLong corruptRegions = new AtomicLong();
    private Segment active;
    private FileChannel activeChannel;
    private volatile long committed;
    private volatile long floor;
    private long corruptCountedUpTo;
    private long lastSyncNanos;
    private boolean unsynced;
    private volatile boolean commitUnpersisted;
    private volatile Runnable onAppend = () -> { };

    private DiskSpool(Path dir, long maxBytes, long segmentBytes, Duration fsyncInterval, SpoolFullPolicy fullPolicy,
                      Duration blockTimeout) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.fsyncIntervalNanos = fsyncInterval.toNanos();
        this.fullPolicy = fullPolicy;
        this.blockTimeoutNanos = blockTimeout.toNanos();
        Files.createDirectories(dir);
        this.lockFile = lock(dir);
        this.spoolId = readOrCreateId(dir.resolve("spool.id"));
        this.committedFile = FileChannel.open(dir.resolve("committed"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Two writers on one spool would interleave segments: the directory is locked while open. */
    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("spool directory " + dir + " is in use by another destination or process");
        }
        return channel;
    }

    /**
     * Opens (or creates) the spool in {@code dir}: finds its segments, drops those already committed,
     * checks every remaining record's checksum (reporting damage through {@link #corruptBytes()}) and
     * starts a fresh active segment, so a torn tail is never appended to.
     *
     * @param maxBytes      bound on the segment files' total size; at least twice {@code segmentBytes}
     * @param blockTimeout  how long {@link SpoolFullPolicy#BLOCK} waits in one {@code append}
     * @throws IOException  if the directory cannot be used; the spool is then unusable
     */
    public static DiskSpool open(Path dir, long maxBytes, long segmentBytes, Duration fsyncInterval,
                                 SpoolFullPolicy fullPolicy, Duration blockTimeout) throws IOException {
        if (segmentBytes < 4096 || maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("spool needs segmentBytes >= 4096 and maxBytes >= 2 * segmentBytes, got "
                    + segmentBytes + " and " + maxBytes);
        }
        DiskSpool spool = new DiskSpool(dir, maxBytes, segmentBytes, fsyncInterval, fullPolicy, blockTimeout);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    private void recover() throws IOException {
        long last = loadSegments();
        long persisted = readCommitted();
        Long first = segments.isEmpty() ? null : segments.firstKey();
        committed = persisted >= 0 ? persisted : first == null ? 0 : first;
        releaseCommittedSegments();
        long activeBase = Math.max(last, committed);
        active = new Segment(activeBase, Segment.fileFor(dir, activeBase), 0);
        activeChannel = FileChannel.open(active.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        segments.put(activeBase, active);
        try (SpoolReader scan = reader()) {
            scan.seek(committed);
            long events = 0;
            while (scan.next()) {
                events += scan.events();
            }
            pendingEvents.set(events);
        }
    }

    /** Registers the segment files found; returns the end of the last one (0 if none). */
    private long loadSegments() throws IOException {
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

    /** The persisted committed position, or -1 if there is none or it is damaged (then all is re-sent). */
    private long readCommitted() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        int n = committedFile.read(b, 0);
        if (n <= 0) {
            return -1;
        }
        if (n < 16 || b.getLong(0) != ~b.getLong(8) || b.getLong(0) < 0) {
            Diagnostics.warn("amqp.spool.committed", "spool " + dir + ": committed position unreadable;"
                    + " every spooled record will be sent again", null);
            return -1;
        }
        return b.getLong(0);
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

    /** Calls {@code listener} (on the appending thread) after each append, to wake a reader. */
    public void onAppend(Runnable listener) {
        this.onAppend = listener;
    }

    /**
     * Appends one record. With {@link SpoolFullPolicy#BLOCK} and no room, waits up to the block timeout
     * for a commit to release a segment, then returns false (the caller keeps the record and retries; the
     * refusal is counted). With {@link SpoolFullPolicy#DROP_OLDEST}, deletes old segments to make room.
     * Appending thread only.
     *
     * @throws IOException if the disk refuses the write; the record is then not in the spool
     */
    public boolean append(byte[] routingKey, int events, ByteBuilder body) throws IOException {
        int payloadLength = 2 + routingKey.length + body.length();
        if (payloadLength > RecordCodec.MAX_PAYLOAD_BYTES || RecordCodec.HEADER_BYTES + (long) payloadLength > maxBytes / 2) {
            throw new IOException("record of " + payloadLength + " bytes is larger than the spool accepts");
        }
        int recordBytes = RecordCodec.HEADER_BYTES + payloadLength;
        if (!makeRoom(recordBytes)) {
            blockedAppends.incrementAndGet();
            return false;
        }
        encode(routingKey, events, body, payloadLength);
        writeFully(scratch);
        active.length += recordBytes; // volatile: the reader sees the record only once it is complete
        pendingEvents.addAndGet(events);
        onAppend.run();
        return true;
    }

    private void encode(byte[] routingKey, int events, ByteBuilder body, int payloadLength) {
        scratch.clear();
        scratch.repeat((byte) 0, RecordCodec.HEADER_BYTES);
        scratch.append((byte) (routingKey.length >>> 8)).append((byte) routingKey.length);
        scratch.append(routingKey).append(body);
        byte[] a = scratch.array();
        RecordCodec.putInt(a, 0, RecordCodec.MAGIC);
        RecordCodec.putInt(a, 4, payloadLength);
        RecordCodec.putInt(a, 8, events);
        RecordCodec.putInt(a, 12, RecordCodec.checksum(crc, payloadLength, events, a, RecordCodec.HEADER_BYTES));
    }

    private void writeFully(ByteBuilder record) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(record.array(), 0, record.length());
        long at = active.length;
        try {
            while (buffer.hasRemaining()) {
                at += activeChannel.write(buffer, at);
            }
        } catch (IOException e) {
            activeChannel.truncate(active.length); // leave no partial record behind a failed write
            throw e;
        }
        synchronized (this) {
            unsynced = true;
        }
    }

    private synchronized boolean makeRoom(int recordBytes) throws IOException {
        long deadline = System.nanoTime() + blockTimeoutNanos;
        while (active.end() - segments.firstKey() + recordBytes > maxBytes) {
            if (fullPolicy == SpoolFullPolicy.DROP_OLDEST) {
                dropOldest();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (active.length > 0 && active.length + recordBytes > segmentBytes) {
            roll();
        }
        return true;
    }

    private void roll() throws IOException {
        activeChannel.force(false);
        activeChannel.close();
        long base = active.end();
        active = new Segment(base, Segment.fileFor(dir, base), 0);
        activeChannel = FileChannel.open(active.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        segments.put(base, active);
        unsynced = false;
        lastSyncNanos = System.nanoTime();
    }

    /** Deletes the oldest segment (sealing the active one first if it is the only one), counting its loss. */
    private void dropOldest() throws IOException {
        if (segments.firstEntry().getValue() == active) {
            roll();
        }
        Segment oldest = segments.pollFirstEntry().getValue();
        long lost = countEvents(oldest, Math.max(committed, oldest.base));
        Files.deleteIfExists(oldest.file);
        floor = oldest.end();
        if (committed < floor) {
            committed = floor;
            pendingEvents.addAndGet(-lost);
            droppedEvents.addAndGet(lost);
            persistCommitted();
        }
        Diagnostics.warn("amqp.spool.full", "spool " + dir + " is full: dropped its oldest segment, "
                + lost + " unconfirmed events (" + droppedEvents.get() + " so far)", null);
    }

    /** Sums the event counts of the plausible record headers in {@code s} from {@code from}. */
    private static long countEvents(Segment s, long from) throws IOException {
        long events = 0;
        ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
        try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.READ)) {
            long at = from - s.base;
            while (at + RecordCodec.HEADER_BYTES <= s.length) {
                header.clear();
                if (ch.read(header, at) < RecordCodec.HEADER_BYTES || !RecordCodec.plausible(header, s.length - at)) {
                    break;
                }
                events += header.getInt(8);
                at += RecordCodec.HEADER_BYTES + header.getInt(4);
            }
        }
        return events;
    }

    /**
     * Forces appended data and the committed position to disk if the fsync interval has passed. Meant for
     * the reading thread: the forces run outside this object's monitor, so {@code append} never waits
     * for them.
     */
    public void syncIfDue() throws IOException {
        FileChannel toForce;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastSyncNanos < fsyncIntervalNanos) {
                return;
            }
            lastSyncNanos = now;
            toForce = unsynced ? activeChannel : null;
            unsynced = false;
        }
        if (toForce != null) {
            try {
                toForce.force(false);
            } catch (ClosedChannelException rolled) {
                // the segment was sealed meanwhile, and sealing forces it
            }
        }
        if (commitUnpersisted) {
            persistCommitted();
        }
    }

    /**
     * Records that everything before {@code endPosition} is delivered, releasing {@code events} from the
     * pending count and deleting segments that are wholly delivered. A position at or before the current
     * one is ignored. Reading thread only.
     */
    public synchronized void commit(long endPosition, long events) throws IOException {
        if (endPosition <= committed) {
            return;
        }
        committed = endPosition;
        pendingEvents.addAndGet(-events);
        commitUnpersisted = true;
        if (releaseCommittedSegments()) {
            notifyAll();
        }
    }

    private boolean releaseCommittedSegments() throws IOException {
        boolean released = false;
        for (Map.Entry<Long, Segment> e = segments.firstEntry(); e != null && e.getValue() != active
                && e.getValue().end() <= committed; e = segments.firstEntry()) {
            segments.pollFirstEntry();
            Files.deleteIfExists(e.getValue().file);
            released = true;
        }
        return released;
    }

    private void persistCommitted() throws IOException {
        synchronized (persistLock) {
            commitUnpersisted = false;
            long position = committed;
            ByteBuffer b = ByteBuffer.allocate(16).putLong(0, position).putLong(8, ~position);
            committedFile.write(b, 0);
            committedFile.force(false);
        }
    }

    /** A reader positioned at the start of the spool; use {@link SpoolReader#seek} to resume. */
    public SpoolReader reader() {
        return new SpoolReader(this);
    }

    synchronized Segment segmentAt(long position) {
        Map.Entry<Long, Segment> e = segments.floorEntry(position);
        if (e == null) {
            e = segments.firstEntry();
        }
        return e == null ? null : e.getValue();
    }

    synchronized Segment segmentAfter(Segment s) {
        Map.Entry<Long, Segment> e = segments.higherEntry(s.base);
        return e == null ? null : e.getValue();
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
        Diagnostics.warn("amqp.spool.corrupt", "spool " + dir + ": " + bytes + " damaged bytes at position "
                + position + " failed their checksum and were skipped; records around them are kept", null);
    }

    /** The random id naming this spool (stable across restarts). */
    public String spoolId() {
        return spoolId;
    }

    /** Position up to which the broker confirmed everything. */
    public long committedPosition() {
        return committed;
    }

    /** Position after the last appended record. */
    public long appendedPosition() {
        return active.end();
    }

    /** Events appended and not yet committed (nor dropped). */
    public long pendingEvents() {
        return pendingEvents.get();
    }

    /** Bytes of records appended and not yet committed (damaged bytes included). */
    public long pendingBytes() {
        return Math.max(0, appendedPosition() - committed);
    }

    /** Bytes of the segment files still held (a bound of {@code maxBytes}). */
    public synchronized long diskBytes() {
        return active.end() - segments.firstKey();
    }

    /** Unconfirmed events deleted by {@link SpoolFullPolicy#DROP_OLDEST}. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** Appends refused because the spool stayed full for the block timeout. */
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

    /** Syncs and persists the committed position; the spool is unusable afterwards. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (activeChannel != null && activeChannel.isOpen()) {
                activeChannel.force(false);
                activeChannel.close();
            }
            if (committedFile.isOpen()) {
                persistCommitted();
            }
        } finally {
            committedFile.close();
            lockFile.close(); // releases the lock
            notifyAll();
        }
    }
}
