package dev.spool.internal.deflate;

import java.util.Arrays;

/**
 * A canonical Huffman code for an alphabet of up to 286 symbols, limited to a maximum code length and always
 * complete (zlib's inflater refuses an incomplete code of more than one symbol): lengths from the symbols'
 * frequencies, then codes from the lengths (RFC 1951, 3.2.2), bits reversed for {@link BitOutput}.
 */
final class HuffmanCode {

    final int[] lengths;
    final int[] codes;
    private final int maxBits;
    // scratch for building, sized for the alphabet
    private final long[] sorted;
    private final long[] weights;
    private final int[] parents;
    private final int[] depths;
    private final int[] leafSymbols;

    HuffmanCode(int symbols, int maxBits) {
        this.lengths = new int[symbols];
        this.codes = new int[symbols];
        this.maxBits = maxBits;
        this.sorted = new long[symbols];
        this.weights = new long[2 * symbols];
        this.parents = new int[2 * symbols];
        this.depths = new int[2 * symbols];
        this.leafSymbols = new int[symbols];
    }

    /**
     * Builds the code of the first {@code symbols} entries of {@code frequencies}. Two symbols at least get a
     * code (a code of one symbol would be incomplete), even ones with no frequency.
     */
    void build(int[] frequencies, int symbols) {
        Arrays.fill(lengths, 0);
        int used = 0;
        for (int s = 0; s < symbols; s++) {
            if (frequencies[s] != 0) {
                sorted[used++] = ((long) frequencies[s] << 16) | s;
            }
        }
        if (used < 2) {
            lengths[0] = 1;
            lengths[1] = 1;
            if (used == 1 && (sorted[0] & 0xffff) > 1) {
                lengths[1] = 0;
                lengths[(int) (sorted[0] & 0xffff)] = 1;
            }
        } else {
            Arrays.sort(sorted, 0, used);
            treeDepths(used);
            limit(used);
        }
        assignCodes(symbols);
    }

    /** Huffman's tree over the sorted leaves by the two-queue method; leaves' depths go to {@link #lengths}. */
    private void treeDepths(int leaves) {
        for (int i = 0; i < leaves; i++) {
            weights[i] = sorted[i] >>> 16;
            leafSymbols[i] = (int) (sorted[i] & 0xffff);
        }
        int leaf = 0;
        int inner = leaves;
        int last = 2 * leaves - 2;
        for (int next = leaves; next <= last; next++) {
            int a = leaf < leaves && (inner >= next || weights[leaf] <= weights[inner]) ? leaf++ : inner++;
            int b = leaf < leaves && (inner >= next || weights[leaf] <= weights[inner]) ? leaf++ : inner++;
            weights[next] = weights[a] + weights[b];
            parents[a] = next;
            parents[b] = next;
        }
        depths[last] = 0;
        for (int node = last - 1; node >= 0; node--) {
            depths[node] = depths[parents[node]] + 1; // a parent is always made after its children
        }
        for (int i = 0; i < leaves; i++) {
            lengths[leafSymbols[i]] = depths[i];
        }
    }

    /**
     * Caps lengths at {@link #maxBits}: the capped leaves over-fill the code, so the rarest leaves just under
     * the cap get one bit longer until it fits, then the code is filled again by shortening the most frequent
     * leaves at the longest length. Leaves are in {@link #leafSymbols}, rarest first.
     */
    private void limit(int leaves) {
        long full = 1L << maxBits;
        long kraft = 0;
        for (int i = 0; i < leaves; i++) {
            int symbol = leafSymbols[i];
            lengths[symbol] = Math.min(lengths[symbol], maxBits);
            kraft += 1L << (maxBits - lengths[symbol]);
        }
        while (kraft > full) {
            int symbol = rarestWithLongestLengthBelow(leaves, maxBits);
            kraft -= 1L << (maxBits - lengths[symbol] - 1);
            lengths[symbol]++;
        }
        while (kraft < full) {
            int longest = 0;
            for (int i = 0; i < leaves; i++) {
                longest = Math.max(longest, lengths[leafSymbols[i]]);
            }
            for (int i = leaves - 1; i >= 0; i--) {
                int symbol = leafSymbols[i];
                if (lengths[symbol] == longest) {
                    lengths[symbol]--;
                    kraft += 1L << (maxBits - longest);
                    break;
                }
            }
        }
    }

    private int rarestWithLongestLengthBelow(int leaves, int cap) {
        for (int length = cap - 1; length > 0; length--) {
            for (int i = 0; i < leaves; i++) {
                if (lengths[leafSymbols[i]] == length) {
                    return leafSymbols[i];
                }
            }
        }
        throw new IllegalStateException("more symbols than a code of " + cap + " bits can hold");
    }

    /** Takes {@code codeLengths} (one per symbol, none above the maximum) as they are: a fixed code. */
    void assign(int[] codeLengths) {
        System.arraycopy(codeLengths, 0, lengths, 0, lengths.length);
        assignCodes(lengths.length);
    }

    private void assignCodes(int symbols) {
        int[] next = new int[maxBits + 1];
        int[] count = new int[maxBits + 1];
        for (int s = 0; s < symbols; s++) {
            count[lengths[s]]++;
        }
        count[0] = 0;
        int code = 0;
        for (int bits = 1; bits <= maxBits; bits++) {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }
        for (int s = 0; s < symbols; s++) {
            int bits = lengths[s];
            codes[s] = bits == 0 ? 0 : Integer.reverse(next[bits]++) >>> (32 - bits);
        }
    }

    /** Bits the symbols take with this code: the sum of frequency times length. */
    long cost(int[] frequencies, int symbols) {
        long bits = 0;
        for (int s = 0; s < symbols; s++) {
            bits += (long) frequencies[s] * lengths[s];
        }
        return bits;
    }
}
