package dev.spool.sink;

import dev.spool.spi.support.DaemonThreads;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;

/**
 * Deflates chunks of a file independently on a few daemon threads ({@code spool-deflate-N}), so that
 * compression can use every core that is idle, above all after the last event, when a single compressing
 * thread would leave the other core unused.
 *
 * <p>Each chunk becomes raw deflate blocks primed with the 32 KB that precede it (so matches reach back
 * across the cut as they would in one stream) and ending in a sync flush (an empty stored block that
 * leaves the output byte-aligned with no final bit). The chunks of a file written one after another,
 * followed by {@link #FINAL_BLOCK}, are therefore one valid deflate stream: the technique of pigz.
 *
 * <p>Thread-safe; {@link #deflate} may be called from any thread.
 */
final class ChunkDeflater {

    /** Deflate's window: the most a match can reach back, and so all of a dictionary that matters. */
    static final int WINDOW_BYTES = 32 * 1024;
    /** An empty final block with fixed codes: ends a stream whose chunks all ended in a sync flush. */
    static final byte[] FINAL_BLOCK = {0x03, 0x00};

    private static final byte[] NO_INPUT = new byte[0];

    private final ExecutorService workers;
    private final BlockingQueue<Deflater> deflaters;

    /** {@code threads} workers deflating at {@code level}, 1 (fastest) to 9 (smallest). */
    ChunkDeflater(int level, int threads) {
        this.workers = Executors.newFixedThreadPool(threads, DaemonThreads.named("spool-deflate"));
        this.deflaters = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            deflaters.add(new Deflater(level, true));
        }
    }

    /**
     * Deflates {@code chunk} from its position to its limit on a worker; the caller must not touch the
     * buffer until the future completes.
     *
     * @param dictionary the bytes before the chunk (at most {@link #WINDOW_BYTES}), or null for a file's first
     */
    CompletableFuture<byte[]> deflate(ByteBuffer chunk, byte[] dictionary) {
        return CompletableFuture.supplyAsync(() -> deflateNow(chunk, dictionary), workers);
    }

    private byte[] deflateNow(ByteBuffer chunk, byte[] dictionary) {
        Deflater deflater = deflaters.remove(); // never empty: no more jobs run than there are deflaters
        try {
            deflater.reset();
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(chunk);
            // level 1 shrinks log text 10-40 times: a tenth of the input is room enough, grown if not
            byte[] out = new byte[Math.max(4096, chunk.remaining() / 10)];
            int length = 0;
            while (true) {
                length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
                if (length < out.length && deflater.needsInput()) {
                    return Arrays.copyOf(out, length);
                }
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
            }
        } finally {
            deflater.setInput(NO_INPUT); // let go of the caller's buffer
            deflaters.add(deflater);
        }
    }

    /** Stops the workers and frees the deflaters; called when no chunk is in flight (a late one fails). */
    void close() {
        workers.shutdown();
        for (Deflater d = deflaters.poll(); d != null; d = deflaters.poll()) {
            d.end();
        }
    }
}
