package dev.spool.internal.deflate;

import static dev.spool.internal.deflate.Symbols.DISTANCE_SYMBOLS;
import static dev.spool.internal.deflate.Symbols.LITERAL_LENGTH_SYMBOLS;
import static dev.spool.internal.deflate.Symbols.MAX_MATCH;
import static dev.spool.internal.deflate.Symbols.MIN_MATCH;
import static dev.spool.internal.deflate.Symbols.WINDOW;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw deflate (RFC 1951) of bytes that arrive in one array a slice at a time, ending in a sync flush, for
 * log text: each position is looked up once in a table of where its first eight bytes were last seen, a match
 * is taken as found (no lazy evaluation, no chains), and the positions inside a match are not remembered. On
 * repetitive text most bytes are covered by long matches and cost only their comparison.
 *
 * <p>Use: {@link #start} with the array and where its data begins (what precedes, up to 32 KB, is the
 * dictionary), {@link #compress} as data is appended to the array, then {@link #finish}. One thread at a time.
 *
 * <p>Ordering: none is needed; every array belongs to the encoding thread. The multi-byte reads are plain
 * {@code get}s that the JIT makes unaligned loads.
 */
public final class FastDeflater {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HASH_BITS = 15;
    /** Tokens per block: new codes this often follow the text's changes, and a header costs little. */
    private static final int BLOCK_TOKENS = 16 * 1024;
    /** A position no match can reach: farther back than the window from every position of the array. */
    private static final int NOWHERE = -WINDOW - 1;
    /** Bytes read past a position: eight to hash, and eight at a time while extending a match. */
    private static final int READ_AHEAD = MAX_MATCH + 8;

    private final int[] table = new int[1 << HASH_BITS];
    private final int[] tokens = new int[BLOCK_TOKENS];
    private final int[] literalFrequencies = new int[LITERAL_LENGTH_SYMBOLS];
    private final int[] distanceFrequencies = new int[DISTANCE_SYMBOLS];
    private final BitOutput out = new BitOutput();
    private final BlockWriter blocks = new BlockWriter(out);
    private byte[] input;
    private int position;
    /** The most data any {@link #compress} call was given: {@link #finish} encodes what is left of it. */
    private int available;
    private int blockStart;
    private int tokenCount;

    /**
     * Starts a stream over {@code bytes}: its data begins at {@code start}; {@code bytes[dictionaryStart,
     * start)} may be matched but is not output. Forgets the previous stream's output.
     */
    public void start(byte[] bytes, int dictionaryStart, int start) {
        if (dictionaryStart < 0 || dictionaryStart > start || start > bytes.length) {
            throw new IllegalArgumentException("dictionary " + dictionaryStart + " and start " + start
                    + " do not fit an array of " + bytes.length);
        }
        input = bytes;
        Arrays.fill(table, NOWHERE);
        for (int p = Math.max(dictionaryStart, start - WINDOW); p + 8 <= start; p++) {
            table[hash((long) LONGS.get(bytes, p))] = p;
        }
        position = start;
        available = start;
        blockStart = start;
        tokenCount = 0;
        out.clear();
    }

    /**
     * Compresses the array's data up to {@code available} (exclusive). Unless {@code last}, the final few
     * hundred bytes wait for the next call (or {@link #finish}), when more data may follow them in the array.
     */
    public void compress(int available, boolean last) {
        byte[] bytes = input;
        if (available > bytes.length || available < this.available) {
            throw new IllegalArgumentException("available " + available + " is outside " + this.available + " to "
                    + bytes.length);
        }
        this.available = available;
        int[] hashTable = table;
        int[] tokenArray = tokens;
        int[] literalCounts = literalFrequencies;
        int count = tokenCount; // fields kept in locals through the loop, written back around each block
        int p = position;
        int stop = last ? available - 8 : available - READ_AHEAD;
        while (p <= stop) {
            long eight = (long) LONGS.get(bytes, p);
            int word = (int) eight;
            int h = hash(eight);
            int candidate = hashTable[h];
            hashTable[h] = p;
            if (p - candidate <= WINDOW && (int) INTS.get(bytes, candidate) == word) {
                int length = 4 + extend(bytes, candidate + 4, p + 4, Math.min(MAX_MATCH, available - p) - 4);
                int distance = p - candidate;
                tokenArray[count++] = distance << 9 | 256 + length - MIN_MATCH;
                literalCounts[257 + Symbols.lengthSymbol(length)]++;
                distanceFrequencies[Symbols.distanceSymbol(distance)]++;
                p += length;
            } else {
                int literal = word & 0xff; // the word is little-endian: its low byte is bytes[p]
                tokenArray[count++] = literal;
                literalCounts[literal]++;
                p++;
            }
            if (count == BLOCK_TOKENS) {
                tokenCount = count;
                endBlock(p);
                count = 0;
            }
        }
        tokenCount = count;
        if (last) {
            literalsUpTo(p, available);
            p = available;
        }
        position = p;
    }

    /** The last few bytes, too few to hash, as literals from {@code p} to {@code end}. */
    private void literalsUpTo(int p, int end) {
        for (; p < end; p++) {
            literal(input[p] & 0xff);
            if (tokenCount == BLOCK_TOKENS) {
                endBlock(p + 1);
            }
        }
    }

    /**
     * Writes what is pending, then a sync flush (an empty stored block, so the output ends on a byte boundary
     * with no final block: more deflate data may follow it), and returns the stream's bytes.
     */
    public byte[] finish() {
        if (position < available) {
            compress(available, true);
        }
        if (tokenCount > 0) {
            endBlock(position);
        }
        out.reserve(8);
        out.write(0, 3); // not final, stored
        out.alignToByte();
        out.write(0xffff << 16, 32); // length 0, its complement
        return out.toByteArray();
    }

    private void literal(int value) {
        tokens[tokenCount++] = value;
        literalFrequencies[value]++;
    }

    private void endBlock(int end) {
        blocks.write(tokens, tokenCount, literalFrequencies, distanceFrequencies, input, blockStart, end);
        Arrays.fill(literalFrequencies, 0);
        Arrays.fill(distanceFrequencies, 0);
        tokenCount = 0;
        blockStart = end;
    }

    /** How many bytes from {@code a} and {@code b} are equal, at most {@code max}; 8 compared at once. */
    private static int extend(byte[] bytes, int a, int b, int max) {
        int n = 0;
        for (; n + 8 <= max; n += 8) {
            long difference = (long) LONGS.get(bytes, a + n) ^ (long) LONGS.get(bytes, b + n);
            if (difference != 0) {
                return n + (Long.numberOfTrailingZeros(difference) >>> 3);
            }
        }
        while (n < max && bytes[a + n] == bytes[b + n]) {
            n++;
        }
        return n;
    }

    /**
     * The table's index for the eight bytes at a position. Eight rather than four: on log lines a position
     * whose first four bytes were seen before but not its first eight is mostly a short match or none, and a
     * four-byte key sent those lookups into a comparison that fails as often as not (eight: 13% less time and
     * 4% smaller on JSON Lines, 9% less time and 0.6% larger on text lines; decisions/fast-deflate.md).
     */
    private static int hash(long eight) {
        return (int) ((eight * 0x9E3779B97F4A7C15L) >>> (64 - HASH_BITS));
    }
}
