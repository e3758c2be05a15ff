package dev.spool.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * One file gzipped in chunks, possibly while its writer still appends to it: the active file of a rolling
 * sink, compressed behind the writer into {@code <active>.gz.tmp} so that its rotation leaves only the
 * last chunk to compress, or a rotated file compressed whole into {@code <backup>.gz.tmp}.
 *
 * <p>It reads the file through its own channel, opened on the file the writer opened, so it keeps reading
 * that file after the rotation renamed it. Chunks are read and deflated on {@link ChunkDeflater}'s threads, a few
 * at a time, and written in order between the gzip header and trailer (RFC 1952), their CRC-32s joined
 * in the same order. {@link #finishAs} completes the member only if the backup is still the
 * file it read (same file key), renames the result {@code <backup>.gz.tmp}, then {@code <backup>.gz}, and
 * only then deletes the backup: a crash at any point leaves the backup, a complete {@code .gz}, or both,
 * and never a {@code .gz} name on an incomplete file. A stale {@code <active>.gz.tmp} is not a backup to
 * retention and is deleted when the sink starts again.
 *
 * <p>Compressor thread only.
 */
final class GzipFollower {

    /** Magic, deflate, no flags, no modification time, no extra flags, OS unknown (as the JDK writes it). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final FileChannel source;
    private final Object fileKey;
    private final Path partial;
    private final ChunkDeflater deflater;
    private final int chunkBytes;
    private final int maxInFlight;
    private final ArrayDeque<CompletableFuture<ChunkDeflater.Chunk>> inFlight = new ArrayDeque<>();
    private int crc; // of the chunks written so far
    private FileChannel out;
    private long position; // where the next chunk starts

    /**
     * @param source  a read channel on the file; this follower closes it
     * @param fileKey the file's key, to recognise it under its backup name
     * @param partial     where the gzip is written until it is complete
     * @param chunkBytes  the size of the chunks the file is deflated in (the last may be shorter)
     * @param maxInFlight how many chunks may be queued or deflating at once: the memory their output takes
     */
    GzipFollower(FileChannel source, Object fileKey, Path partial, ChunkDeflater deflater, int chunkBytes,
                 int maxInFlight) {
        this.source = source;
        this.fileKey = fileKey;
        this.partial = partial;
        this.deflater = deflater;
        this.chunkBytes = chunkBytes;
        this.maxInFlight = maxInFlight;
    }

    /** Where a file's gzip is written until it is complete: {@code <file>.gz.tmp}. */
    static Path partialOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".gz.tmp");
    }

    /**
     * Queues whole chunks of the file up to {@code upToBytes}, checking {@code stop} between them, and writes
     * out those already deflated; waits only when {@code maxInFlight} chunks are in flight.
     */
    void advance(long upToBytes, BooleanSupplier stop) throws IOException {
        while (position + chunkBytes <= upToBytes && !stop.getAsBoolean()) {
            queueChunk(position + chunkBytes);
        }
        writeDeflated(false);
    }

    /** Whether {@code file} is the file this follower has been reading. */
    boolean follows(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null && key.equals(fileKey);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Compresses the rest of the file, which no writer appends to any more, and puts the complete gzip in
     * place of {@code backup} (see the class comment for the order).
     *
     * @throws IOException when a read, write or rename failed; the backup is untouched, the caller reports
     *         and calls {@link #abandon}
     */
    void finishAs(Path backup) throws IOException {
        long size = source.size(); // final: no writer appends to a rotated file
        while (position < size) {
            queueChunk(Math.min(position + chunkBytes, size));
        }
        writeDeflated(true);
        openPartial(); // an empty file rotated by the schedule still becomes a valid, empty gzip
        ByteBuffer trailer = ByteBuffer.allocate(ChunkDeflater.FINAL_BLOCK.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.put(ChunkDeflater.FINAL_BLOCK).putInt(crc);
        trailer.putInt((int) position); // ISIZE: the length modulo 2^32, as RFC 1952 defines it
        writeFully(trailer.flip());
        out.close();
        out = null;
        source.close();
        Path tmp = partialOf(backup);
        Path gz = backup.resolveSibling(backup.getFileName() + ".gz");
        if (!partial.equals(tmp)) {
            Files.move(partial, tmp, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            BackupCompressor.deleteQuietly(tmp);
            throw e;
        }
        BackupCompressor.deleteCompressed(backup);
    }

    /** Waits for the chunks in flight (their buffers are lent), closes both channels and deletes the partial gzip. */
    void abandon() {
        for (CompletableFuture<ChunkDeflater.Chunk> chunk : inFlight) {
            try {
                chunk.join();
            } catch (CompletionException | CancellationException ignored) {
                // its result is thrown away anyway
            }
        }
        inFlight.clear();
        closeQuietly(source);
        if (out != null) {
            closeQuietly(out);
            out = null;
        }
        BackupCompressor.deleteQuietly(partial);
    }

    /** Queues the bytes from {@link #position} to {@code end} for deflating. */
    private void queueChunk(long end) throws IOException {
        if (inFlight.size() >= maxInFlight) {
            writeOldest();
        }
        openPartial();
        inFlight.add(deflater.deflate(source, position, end));
        position = end;
    }

    private void writeDeflated(boolean all) throws IOException {
        while (!inFlight.isEmpty() && (all || inFlight.peek().isDone())) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        ChunkDeflater.Chunk chunk;
        try {
            chunk = inFlight.remove().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
            throw new IOException("could not deflate a chunk of the file", cause);
        }
        crc = ChunkDeflater.combineCrc(crc, chunk.crc(), chunk.length());
        writeFully(ByteBuffer.wrap(chunk.deflated()));
    }

    /** Opened at the first chunk, so a file that never grows leaves no partial gzip behind. */
    private void openPartial() throws IOException {
        if (out == null) {
            out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            writeFully(ByteBuffer.wrap(HEADER));
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a read channel, or a partial gzip about to be deleted: nothing is lost
        }
    }
}
