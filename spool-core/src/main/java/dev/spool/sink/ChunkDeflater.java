package dev.spool.sink;

import dev.spool.internal.deflate.FastDeflater;
import dev.spool.spi.support.DaemonThreads;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Deflates ranges of a file independently on a few daemon threads ({@code spool-deflate-N}), so that
 * compression can use every core that is idle, above all after the last event, when a single compressing
 * thread would leave the other core unused.
 *
 * <p>Each chunk becomes raw deflate blocks primed with the 32 KB that precede it (so matches reach back
 * across the cut as they would in one stream) and ending in a sync flush (an empty stored block that
 * leaves the output byte-aligned with no final bit). The chunks of a file written one after another,
 * followed by {@link #FINAL_BLOCK}, are therefore one valid deflate stream: the technique of pigz. A worker
 * reads its chunk itself, a slice at a time, and takes the slice's CRC-32 and deflates it while it is in
 * the processor's cache; {@link Chunk#crc} values are joined with {@link #combineCrc}.
 *
 * <p>At {@link #FAST} the chunks are deflated by Spool's own {@link FastDeflater}; at levels 1 to 9 by the
 * JDK's zlib.
 *
 * <p>Thread-safe; {@link #deflate} may be called from any thread.
 */
final class ChunkDeflater {

    /** Deflate's window: the most a match can reach back, and so all of a dictionary that matters. */
    static final int WINDOW_BYTES = 32 * 1024;
    /** An empty final block with fixed codes: ends a stream whose chunks all ended in a sync flush. */
    static final byte[] FINAL_BLOCK = {0x03, 0x00};

    /** The level that means Spool's own encoder rather than zlib's. */
    static final int FAST = RollingFileSink.FAST_GZIP;

    private static final int SLICE_BYTES = 64 * 1024;
    private static final byte[] NO_INPUT = new byte[0];
    /** CRC-32's polynomial, bits reversed (the order in which {@link CRC32} works). */
    private static final int POLYNOMIAL = 0xedb88320;
    /** x^(2^k) modulo the polynomial, k = 0..31, in the same bit order (x^0 is the top bit). */
    private static final int[] X_POW_2K = new int[32];

    static {
        X_POW_2K[0] = 1 << 30; // x^1
        for (int k = 1; k < X_POW_2K.length; k++) {
            X_POW_2K[k] = multiply(X_POW_2K[k - 1], X_POW_2K[k - 1]);
        }
    }

    private final ExecutorService workers;
    private final BlockingQueue<Workspace> workspaces;

    /** One deflated chunk: its bytes, the CRC-32 of its input and the input's length. */
    record Chunk(byte[] deflated, int crc, long length) {
    }

    /** {@code threads} workers deflating at {@code level}: {@link #FAST}, or zlib's 1 (fastest) to 9 (smallest). */
    ChunkDeflater(int level, int threads) {
        this.workers = Executors.newFixedThreadPool(threads, DaemonThreads.named("spool-deflate"));
        this.workspaces = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            workspaces.add(level == FAST ? new FastWorkspace() : new ZlibWorkspace(level));
        }
    }

    /**
     * Deflates bytes {@code start} (inclusive) to {@code end} (exclusive) of {@code source} on a worker. The
     * future fails with an {@link UncheckedIOException} when the read fails or the file is shorter.
     */
    CompletableFuture<Chunk> deflate(FileChannel source, long start, long end) {
        return CompletableFuture.supplyAsync(() -> {
            Workspace w = workspaces.remove(); // never empty: no more jobs run than there are workspaces
            try {
                return w.deflate(source, start, end);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                workspaces.add(w);
            }
        }, workers);
    }

    /** The CRC-32 of two byte sequences one after the other, from their CRCs and the second's length. */
    static int combineCrc(int first, int second, long secondLength) {
        // appending n bytes multiplies the first CRC by x^(8n) modulo the polynomial; the pre- and
        // post-conditioning of the two CRCs cancel out (RFC 1952's CRC is linear over GF(2) apart from them)
        int power = 1 << 31; // x^0
        int k = 3; // 8n = n * 2^3
        for (long n = secondLength; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                power = multiply(X_POW_2K[k & 31], power);
            }
        }
        return multiply(power, first) ^ second;
    }

    /** a * b modulo the polynomial, both in {@link CRC32}'s reversed bit order. */
    private static int multiply(int a, int b) {
        int product = 0;
        for (int bit = 1 << 31; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1; // b * x
        }
        return product;
    }

    /** Stops the workers and frees the deflaters; called when no chunk is in flight (a late one fails). */
    void close() {
        workers.shutdown();
        for (Workspace w = workspaces.poll(); w != null; w = workspaces.poll()) {
            w.end();
        }
    }

    /** One worker's encoder and buffers, taken from the queue for the length of one chunk. */
    private interface Workspace {

        Chunk deflate(FileChannel source, long start, long end) throws IOException;

        /** Frees what the encoder holds outside the heap. */
        void end();
    }

    /** Reads the chunk after its dictionary into one array a slice at a time, each slice CRC'd, then encoded. */
    private static final class FastWorkspace implements Workspace {
        final FastDeflater deflater = new FastDeflater();
        final CRC32 crc = new CRC32();
        byte[] input = new byte[WINDOW_BYTES + BackupCompressor.STEP_BYTES];

        @Override
        public Chunk deflate(FileChannel source, long start, long end) throws IOException {
            crc.reset();
            int dictionary = (int) Math.min(WINDOW_BYTES, start);
            int length = Math.toIntExact(end - start);
            if (input.length < dictionary + length) {
                input = new byte[dictionary + length];
            }
            readFully(source, ByteBuffer.wrap(input, 0, dictionary), start - dictionary);
            deflater.start(input, 0, dictionary);
            int filled = dictionary;
            do {
                int n = Math.min(SLICE_BYTES, dictionary + length - filled);
                readFully(source, ByteBuffer.wrap(input, filled, n).slice(), start + filled - dictionary);
                crc.update(input, filled, n);
                filled += n;
                deflater.compress(filled, filled == dictionary + length);
            } while (filled < dictionary + length);
            return new Chunk(deflater.finish(), (int) crc.getValue(), length);
        }

        @Override
        public void end() {
            input = NO_INPUT;
        }
    }

    /** zlib through {@link Deflater}, fed 64 KB slices of direct memory. */
    private static final class ZlibWorkspace implements Workspace {
        final Deflater deflater;
        final ByteBuffer slice = ByteBuffer.allocateDirect(SLICE_BYTES);
        final byte[] dictionary = new byte[WINDOW_BYTES];
        final CRC32 crc = new CRC32();
        byte[] out = new byte[SLICE_BYTES];

        ZlibWorkspace(int level) {
            this.deflater = new Deflater(level, true);
        }

        @Override
        public Chunk deflate(FileChannel source, long start, long end) throws IOException {
            deflater.reset();
            crc.reset();
            if (start > 0) {
                int length = (int) Math.min(WINDOW_BYTES, start);
                readFully(source, ByteBuffer.wrap(dictionary, 0, length), start - length);
                deflater.setDictionary(dictionary, 0, length);
            }
            int written = 0;
            try {
                for (long at = start; at < end; at += slice.limit()) {
                    slice.clear().limit((int) Math.min(SLICE_BYTES, end - at));
                    readFully(source, slice, at);
                    crc.update(slice.flip());
                    deflater.setInput(slice.rewind());
                    written = run(written, Deflater.NO_FLUSH);
                }
                deflater.setInput(NO_INPUT);
                written = run(written, Deflater.SYNC_FLUSH);
            } finally {
                deflater.setInput(NO_INPUT); // let go of the slice
            }
            return new Chunk(Arrays.copyOf(out, written), (int) crc.getValue(), end - start);
        }

        @Override
        public void end() {
            deflater.end();
        }

        /** Deflates until the input is used up (and, for a sync flush, flushed), growing the output as needed. */
        private int run(int written, int flush) {
            while (true) {
                written += deflater.deflate(out, written, out.length - written, flush);
                if (written < out.length && deflater.needsInput()) {
                    return written;
                }
                if (written == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
            }
        }
    }

    /** Fills {@code into} from its position 0 with the file's bytes from {@code position}. */
    private static void readFully(FileChannel source, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (source.read(into, position + into.position()) < 0) {
                throw new EOFException("the file is shorter than when it was measured (truncated by another program?)");
            }
        }
    }
}
