package dev.spool.forward;

import dev.spool.sink.SinkOverflowException;
import dev.spool.spi.ByteBuilder;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The lines a forwarder has accepted and the collector has not yet acknowledged, oldest first: up to
 * {@code maxMemoryBytes} in memory, then in a spill file, up to {@code maxSpillBytes}. Once a line goes
 * to the spill file, later ones follow it there until the file is fully acknowledged, so the order of
 * lines is memory first, then spill.
 *
 * <p>Lines are numbered from 0 in the order they were appended ({@link #firstSeq()} is the oldest not
 * acknowledged). A send position walks forward through them; {@link #rewind()} moves it back to the
 * oldest, for a new connection. A spill file left by an earlier process is taken up at start. Used by
 * one thread (the pipeline's writer).
 */
final class Unacked implements Closeable {

    private final long maxMemoryBytes;
    private final long maxSpillBytes;
    private final Path spillPath;
    private final ByteBuilder memory = new ByteBuilder(64 * 1024);
    private int memoryHead;
    private int[] lengths = new int[1024];
    private int lengthsHead;
    private int memoryLines;
    private FileChannel spill;
    private long spillHead;
    private long spillTail;
    private long spillLines;
    private long firstSeq;
    private boolean sendInMemory = true;
    private long sendOffset;
    private final ByteBuffer fileBuffer = ByteBuffer.allocate(64 * 1024);

    Unacked(long maxMemoryBytes, Path spillPath, long maxSpillBytes) throws IOException {
        this.maxMemoryBytes = maxMemoryBytes;
        this.spillPath = spillPath;
        this.maxSpillBytes = maxSpillBytes;
        if (Files.isRegularFile(spillPath) && Files.size(spillPath) > 0) {
            recover();
        }
    }

    private void recover() throws IOException {
        spill = FileChannel.open(spillPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = spill.size();
        long lastLineEnd = 0;
        long lines = 0;
        for (long at = 0; at < size; ) {
            fileBuffer.clear();
            int n = spill.read(fileBuffer, at);
            for (int i = 0; i < n; i++) {
                if (fileBuffer.get(i) == '\n') {
                    lines++;
                    lastLineEnd = at + i + 1;
                }
            }
            at += Math.max(n, 1);
        }
        spill.truncate(lastLineEnd); // a line cut by a crash was never sent whole: drop it
        spillTail = lastLineEnd;
        spillLines = lines;
        sendInMemory = false;
    }

    boolean isEmpty() {
        return memoryLines == 0 && spillLines == 0;
    }

    long firstSeq() {
        return firstSeq;
    }

    /** Lines held. */
    long size() {
        return memoryLines + spillLines;
    }

    /**
     * Keeps one line (ending with a line feed).
     *
     * @throws SinkOverflowException when memory and spill file are full; the line was not kept
     */
    void append(ByteBuilder line) throws IOException {
        int length = line.length();
        if (spill == null || spillLines == 0) {
            if ((long) memory.length() - memoryHead + length <= maxMemoryBytes) {
                memory.append(line);
                pushLength(length);
                return;
            }
        }
        if (spillTail - spillHead + length > maxSpillBytes) {
            throw new SinkOverflowException("forward: " + size() + " events wait for acknowledgement and the "
                    + "spill file " + spillPath + " is at its bound of " + maxSpillBytes + " bytes", spillTail - spillHead, null);
        }
        if (spill == null) {
            Files.createDirectories(spillPath.toAbsolutePath().getParent());
            spill = FileChannel.open(spillPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.array(), 0, length);
        while (bytes.hasRemaining()) {
            spill.write(bytes, spillTail + bytes.position());
        }
        spillTail += length;
        spillLines++;
    }

    private void pushLength(int length) {
        if (memoryLines == lengths.length) {
            int[] bigger = new int[lengths.length * 2];
            for (int i = 0; i < memoryLines; i++) {
                bigger[i] = lengths[(lengthsHead + i) % lengths.length];
            }
            lengths = bigger;
            lengthsHead = 0;
        }
        lengths[(lengthsHead + memoryLines) % lengths.length] = length;
        memoryLines++;
    }

    /** Drops the {@code count} oldest lines, which the collector acknowledged. */
    void acknowledge(long count) throws IOException {
        long left = Math.min(count, size());
        firstSeq += left;
        while (left > 0 && memoryLines > 0) {
            memoryHead += lengths[lengthsHead];
            lengthsHead = (lengthsHead + 1) % lengths.length;
            memoryLines--;
            left--;
        }
        if (left > 0) {
            spillHead = skipLines(spillHead, left);
            spillLines -= left;
        }
        compactMemory();
        if (spill != null && spillLines == 0 && spillTail > 0) {
            spill.truncate(0);
            spillHead = 0;
            spillTail = 0;
            if (!sendInMemory) {
                sendInMemory = true;
                sendOffset = memoryHead;
            }
        }
    }

    private void compactMemory() {
        if (memoryLines == 0) {
            if (sendInMemory) {
                sendOffset -= memoryHead;
            }
            memory.clear();
            memoryHead = 0;
            sendOffset = Math.max(0, sendOffset);
        } else if (memoryHead > 1 << 20 && memoryHead > memory.length() / 2) {
            memory.discardFront(memoryHead);
            if (sendInMemory) {
                sendOffset -= memoryHead;
            }
            memoryHead = 0;
        }
    }

    private long skipLines(long from, long lines) throws IOException {
        long at = from;
        long left = lines;
        while (left > 0 && at < spillTail) {
            fileBuffer.clear().limit((int) Math.min(fileBuffer.capacity(), spillTail - at));
            int n = spill.read(fileBuffer, at);
            for (int i = 0; i < n; i++) {
                if (fileBuffer.get(i) == '\n' && --left == 0) {
                    return at + i + 1;
                }
            }
            at += n;
        }
        return at;
    }

    /** Moves the send position back to the oldest line not acknowledged. */
    void rewind() {
        if (memoryLines > 0 || spillLines == 0) {
            sendInMemory = true;
            sendOffset = memoryHead;
        } else {
            sendInMemory = false;
            sendOffset = spillHead;
        }
    }

    /** The next bytes to send from the send position (whole or part lines), or null when all were sent. */
    ByteBuffer nextChunk() throws IOException {
        if (sendInMemory && sendOffset < memory.length()) {
            return ByteBuffer.wrap(memory.array(), (int) sendOffset, memory.length() - (int) sendOffset);
        }
        if (sendInMemory) {
            if (spillLines == 0) {
                return null;
            }
            sendInMemory = false;
            sendOffset = spillHead;
        }
        if (sendOffset >= spillTail) {
            return null;
        }
        fileBuffer.clear().limit((int) Math.min(fileBuffer.capacity(), spillTail - sendOffset));
        spill.read(fileBuffer, sendOffset);
        return fileBuffer.flip();
    }

    /** Moves the send position past {@code bytes} bytes of the last chunk. */
    void sent(int bytes) {
        sendOffset += bytes;
    }

    /**
     * Keeps what is still unacknowledged in the spill file for a later process, or deletes the file when
     * nothing is; then closes it.
     */
    @Override
    public void close() throws IOException {
        if (isEmpty()) {
            if (spill != null) {
                spill.close();
            }
            Files.deleteIfExists(spillPath);
            return;
        }
        Path temporary = spillPath.resolveSibling(spillPath.getFileName() + ".new");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer held = ByteBuffer.wrap(memory.array(), memoryHead, memory.length() - memoryHead);
            while (held.hasRemaining()) {
                out.write(held);
            }
            if (spill != null) {
                spill.transferTo(spillHead, spillTail - spillHead, out);
            }
            out.force(true);
        }
        if (spill != null) {
            spill.close();
        }
        Files.move(temporary, spillPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path spillPath() {
        return spillPath;
    }
}
