package dev.spool.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

/**
 * One file gzipped in chunks, possibly while its writer still appends to it: the active file of a rolling
 * sink, compressed behind the writer into {@code <active>.gz.tmp} so that its rotation leaves only the
 * last chunk to compress, or a rotated file compressed whole into {@code <backup>.gz.tmp}.
 *
 * <p>It reads the file through its own channel, opened on the file the writer opened, so it keeps reading
 * that file after the rotation renamed it. Chunks are deflated on {@link ChunkDeflater}'s threads, a few
 * at a time, and written in order between the gzip header and trailer (RFC 1952), with the CRC-32 taken
 * over the bytes as they were read. {@link #finishAs} completes the member only if the backup is still the
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
    private final ByteBuffer[] buffers;
    private final ArrayDeque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] dictionary;
    private FileChannel out;
    private long position;
    private long chunks;

    /**
     * @param source  a read channel on the file; this follower closes it
     * @param fileKey the file's key, to recognise it under its backup name
     * @param partial where the gzip is written until it is complete
     * @param buffers direct buffers of one chunk each, as many as may be in flight at once; lent to this
     *                follower until it is finished or abandoned
     */
    GzipFollower(FileChannel source, Object fileKey, Path partial, ChunkDeflater deflater, ByteBuffer[] buffers) {
        this.source = source;
        this.fileKey = fileKey;
        this.partial = partial;
        this.deflater = deflater;
        this.buffers = buffers;
    }

    /** Where the active file's compression so far is kept: {@code <active>.gz.tmp}. */
    static Path partialOf(Path active) {
        return active.resolveSibling(active.getFileName() + ".gz.tmp");
    }

    /** The chunk size: the capacity of each buffer. */
    int chunkBytes() {
        return buffers[0].capacity();
    }

    /**
     * Queues whole chunks of the file up to {@code upToBytes}, checking {@code stop} between them, and writes
     * out those already deflated; waits only when every buffer is in flight.
     */
    void advance(long upToBytes, BooleanSupplier stop) throws IOException {
        while (position + chunkBytes() <= upToBytes && !stop.getAsBoolean()) {
            if (!queueChunk()) {
                break;
            }
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
        while (queueChunk()) {
            // to the end of the file
        }
        writeDeflated(true);
        openPartial(); // an empty file rotated by the schedule still becomes a valid, empty gzip
        ByteBuffer trailer = ByteBuffer.allocate(ChunkDeflater.FINAL_BLOCK.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.put(ChunkDeflater.FINAL_BLOCK).putInt((int) crc.getValue());
        trailer.putInt((int) position); // ISIZE: the length modulo 2^32, as RFC 1952 defines it
        writeFully(trailer.flip());
        out.close();
        out = null;
        source.close();
        Path tmp = backup.resolveSibling(backup.getFileName() + ".gz.tmp");
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
        for (CompletableFuture<byte[]> chunk : inFlight) {
            try {
                chunk.join();
            } catch (CompletionException | java.util.concurrent.CancellationException ignored) {
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

    /** Reads the next chunk and queues it for deflating; false at the end of the file. */
    private boolean queueChunk() throws IOException {
        if (inFlight.size() == buffers.length) {
            writeOldest(); // frees the buffer this chunk is about to reuse
        }
        ByteBuffer chunk = buffers[(int) (chunks % buffers.length)];
        chunk.clear();
        while (chunk.hasRemaining()) {
            if (source.read(chunk, position + chunk.position()) <= 0) {
                break;
            }
        }
        if (chunk.position() == 0) {
            return false;
        }
        chunk.flip();
        crc.update(chunk.duplicate());
        byte[] before = dictionary;
        dictionary = nextDictionary(before, chunk);
        inFlight.add(deflater.deflate(chunk, before));
        position += chunk.limit();
        chunks++;
        return true;
    }

    /** The last {@link ChunkDeflater#WINDOW_BYTES} of the file up to the end of {@code chunk}. */
    private static byte[] nextDictionary(byte[] previous, ByteBuffer chunk) {
        int length = chunk.limit();
        if (length >= ChunkDeflater.WINDOW_BYTES || previous == null) {
            int take = Math.min(length, ChunkDeflater.WINDOW_BYTES);
            byte[] dict = new byte[take];
            chunk.get(length - take, dict);
            return dict;
        }
        int keep = Math.min(previous.length, ChunkDeflater.WINDOW_BYTES - length);
        byte[] dict = Arrays.copyOfRange(previous, previous.length - keep, previous.length + length);
        chunk.get(0, dict, keep, length);
        return dict;
    }

    private void writeDeflated(boolean all) throws IOException {
        while (!inFlight.isEmpty() && (all || inFlight.peek().isDone())) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        byte[] deflated;
        try {
            deflated = inFlight.remove().join();
        } catch (CompletionException e) {
            throw new IOException("deflating a chunk of the file failed", e.getCause());
        }
        openPartial();
        writeFully(ByteBuffer.wrap(deflated));
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

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read side, or a partial gzip about to be deleted: nothing is lost
        }
    }
}
