package dev.spool.internal.deflate;

import static dev.spool.internal.deflate.Symbols.DISTANCE_BASE;
import static dev.spool.internal.deflate.Symbols.DISTANCE_EXTRA_BITS;
import static dev.spool.internal.deflate.Symbols.DISTANCE_SYMBOLS;
import static dev.spool.internal.deflate.Symbols.END_OF_BLOCK;
import static dev.spool.internal.deflate.Symbols.LENGTH_BASE;
import static dev.spool.internal.deflate.Symbols.LENGTH_EXTRA_BITS;
import static dev.spool.internal.deflate.Symbols.LITERAL_LENGTH_SYMBOLS;
import static dev.spool.internal.deflate.Symbols.MIN_MATCH;

/**
 * Writes one block of literals and matches in whichever of deflate's three forms is smallest for it:
 * Huffman codes made for the block (dynamic), the fixed codes, or the bytes stored as they are. The block
 * is never the final one: the stream's owner ends it.
 *
 * <p>A token is an {@code int}: a literal is its byte (0-255); a match is
 * {@code distance << 9 | 256 + (length - 3)}.
 */
final class BlockWriter {

    /** The order in which the code-length code's lengths are sent (RFC 1951, 3.2.7). */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final int CODE_LENGTH_SYMBOLS = 19;
    private static final int MAX_STORED = 65535;

    private final BitOutput out;
    private final HuffmanCode literals = new HuffmanCode(LITERAL_LENGTH_SYMBOLS, 15);
    private final HuffmanCode distances = new HuffmanCode(DISTANCE_SYMBOLS, 15);
    private final HuffmanCode codeLengths = new HuffmanCode(CODE_LENGTH_SYMBOLS, 7);
    private final HuffmanCode fixedLiterals = new HuffmanCode(288, 9);
    private final HuffmanCode fixedDistances = new HuffmanCode(32, 5);
    /** The lengths of both codes run-length encoded: symbol 0-18 in the low 5 bits, its repeat count above. */
    private final int[] lengthRuns = new int[LITERAL_LENGTH_SYMBOLS + DISTANCE_SYMBOLS];
    private final int[] lengthSequence = new int[LITERAL_LENGTH_SYMBOLS + DISTANCE_SYMBOLS];
    private final int[] codeLengthFrequencies = new int[CODE_LENGTH_SYMBOLS];
    private int runCount;

    BlockWriter(BitOutput out) {
        this.out = out;
        int[] fixed = new int[288];
        for (int s = 0; s < fixed.length; s++) {
            fixed[s] = Symbols.fixedLiteralLengthBits(s);
        }
        fixedLiterals.assign(fixed);
        int[] fixedDistance = new int[32];
        java.util.Arrays.fill(fixedDistance, Symbols.FIXED_DISTANCE_BITS);
        fixedDistances.assign(fixedDistance);
    }

    /**
     * Writes {@code count} tokens whose symbols' frequencies are {@code literalFrequencies} (end of block not
     * yet counted) and {@code distanceFrequencies}; they encode {@code input[from, to)}, the stored form.
     */
    void write(int[] tokens, int count, int[] literalFrequencies, int[] distanceFrequencies, byte[] input, int from,
            int to) {
        literalFrequencies[END_OF_BLOCK] = 1;
        long extraBits = extraBits(literalFrequencies, distanceFrequencies);
        literals.build(literalFrequencies, LITERAL_LENGTH_SYMBOLS);
        distances.build(distanceFrequencies, DISTANCE_SYMBOLS);
        int literalCodes = usedLength(literals.lengths, LITERAL_LENGTH_SYMBOLS, 257);
        int distanceCodes = usedLength(distances.lengths, DISTANCE_SYMBOLS, 1);
        int codeLengthCodes = runLengths(literalCodes, distanceCodes);
        long dynamic = 3 + 14 + 3L * codeLengthCodes + codeLengths.cost(codeLengthFrequencies, CODE_LENGTH_SYMBOLS)
                + runExtraBits() + literals.cost(literalFrequencies, LITERAL_LENGTH_SYMBOLS)
                + distances.cost(distanceFrequencies, DISTANCE_SYMBOLS) + extraBits;
        long fixed = 3 + fixedLiterals.cost(literalFrequencies, LITERAL_LENGTH_SYMBOLS)
                + fixedDistances.cost(distanceFrequencies, DISTANCE_SYMBOLS) + extraBits;
        long stored = to - from <= MAX_STORED ? 3 + 7 + 32 + 8L * (to - from) : Long.MAX_VALUE;
        out.reserve((int) (Math.min(dynamic, fixed) / 8) + 16);
        if (stored < Math.min(dynamic, fixed)) {
            out.reserve(to - from + 16);
            out.write(0, 3); // not final, stored
            out.alignToByte();
            out.write((to - from) | (~(to - from) & 0xffff) << 16, 32);
            out.writeBytes(input, from, to - from);
        } else if (fixed <= dynamic) {
            out.write(1 << 1, 3); // not final, fixed codes
            writeTokens(tokens, count, fixedLiterals, fixedDistances);
        } else {
            out.write(2 << 1, 3); // not final, dynamic codes
            writeCodes(literalCodes, distanceCodes, codeLengthCodes);
            writeTokens(tokens, count, literals, distances);
        }
    }

    private void writeTokens(int[] tokens, int count, HuffmanCode literal, HuffmanCode distance) {
        int[] literalCodes = literal.codes;
        int[] literalLengths = literal.lengths;
        int[] distanceCodes = distance.codes;
        int[] distanceLengths = distance.lengths;
        byte[] bytes = out.bytes;
        int length = out.length;
        long pending = out.pending;
        int pendingBits = out.pendingBits; // below 32 between tokens; a token adds at most 15 + 5 + 15 + 13
        for (int i = 0; i < count; i++) {
            int token = tokens[i];
            if (token < 256) {
                pending |= (long) literalCodes[token] << pendingBits;
                pendingBits += literalLengths[token];
            } else {
                int matchLength = (token & 0xff) + MIN_MATCH;
                int symbol = Symbols.lengthSymbol(matchLength);
                int bits = literalLengths[257 + symbol];
                pending |= (long) (literalCodes[257 + symbol] | (matchLength - LENGTH_BASE[symbol]) << bits)
                        << pendingBits;
                pendingBits += bits + LENGTH_EXTRA_BITS[symbol];
                if (pendingBits >= 32) {
                    BitOutput.LITTLE_ENDIAN_INTS.set(bytes, length, (int) pending);
                    length += 4;
                    pending >>>= 32;
                    pendingBits -= 32;
                }
                int d = token >>> 9;
                int dSymbol = Symbols.distanceSymbol(d);
                int dBits = distanceLengths[dSymbol];
                pending |= (long) (distanceCodes[dSymbol] | (d - DISTANCE_BASE[dSymbol]) << dBits) << pendingBits;
                pendingBits += dBits + DISTANCE_EXTRA_BITS[dSymbol];
            }
            if (pendingBits >= 32) {
                BitOutput.LITTLE_ENDIAN_INTS.set(bytes, length, (int) pending);
                length += 4;
                pending >>>= 32;
                pendingBits -= 32;
            }
        }
        out.length = length;
        out.pending = pending;
        out.pendingBits = pendingBits;
        out.write(literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
    }

    /** A dynamic block's header: the code counts, the code-length code, then both codes' lengths. */
    private void writeCodes(int literalCodes, int distanceCodes, int codeLengthCodes) {
        out.write((literalCodes - 257) | (distanceCodes - 1) << 5 | (codeLengthCodes - 4) << 10, 14);
        for (int i = 0; i < codeLengthCodes; i++) {
            out.write(codeLengths.lengths[CODE_LENGTH_ORDER[i]], 3);
        }
        for (int i = 0; i < runCount; i++) {
            int symbol = lengthRuns[i] & 31;
            out.write(codeLengths.codes[symbol], codeLengths.lengths[symbol]);
            int repeat = lengthRuns[i] >>> 5;
            if (symbol == 16) {
                out.write(repeat - 3, 2);
            } else if (symbol == 17) {
                out.write(repeat - 3, 3);
            } else if (symbol == 18) {
                out.write(repeat - 11, 7);
            }
        }
    }

    /**
     * Run-length encodes the literal/length code's first {@code literalCodes} lengths followed by the distance
     * code's first {@code distanceCodes} (one sequence: a run may cross from one to the other), builds the
     * code-length code and returns how many of its lengths must be sent.
     */
    private int runLengths(int literalCodes, int distanceCodes) {
        int n = literalCodes + distanceCodes;
        System.arraycopy(literals.lengths, 0, lengthSequence, 0, literalCodes);
        System.arraycopy(distances.lengths, 0, lengthSequence, literalCodes, distanceCodes);
        java.util.Arrays.fill(codeLengthFrequencies, 0);
        runCount = 0;
        for (int i = 0; i < n; ) {
            int value = lengthSequence[i];
            int run = 1;
            while (i + run < n && lengthSequence[i + run] == value) {
                run++;
            }
            i += run;
            if (value == 0) {
                while (run >= 11) {
                    run -= addRun(18, Math.min(run, 138));
                }
                if (run >= 3) {
                    run -= addRun(17, run);
                }
            } else {
                addRun(value, 1);
                run--;
                while (run >= 3) {
                    run -= addRun(16, Math.min(run, 6));
                }
            }
            for (; run > 0; run--) {
                addRun(value, 1);
            }
        }
        codeLengths.build(codeLengthFrequencies, CODE_LENGTH_SYMBOLS);
        int sent = CODE_LENGTH_SYMBOLS;
        while (sent > 4 && codeLengths.lengths[CODE_LENGTH_ORDER[sent - 1]] == 0) {
            sent--;
        }
        return sent;
    }

    private int addRun(int symbol, int repeat) {
        lengthRuns[runCount++] = symbol | repeat << 5;
        codeLengthFrequencies[symbol]++;
        return repeat;
    }

    private long runExtraBits() {
        return 2L * codeLengthFrequencies[16] + 3L * codeLengthFrequencies[17] + 7L * codeLengthFrequencies[18];
    }

    private static long extraBits(int[] literalFrequencies, int[] distanceFrequencies) {
        long bits = 0;
        for (int s = 0; s < LENGTH_EXTRA_BITS.length; s++) {
            bits += (long) literalFrequencies[257 + s] * LENGTH_EXTRA_BITS[s];
        }
        for (int s = 0; s < DISTANCE_SYMBOLS; s++) {
            bits += (long) distanceFrequencies[s] * DISTANCE_EXTRA_BITS[s];
        }
        return bits;
    }

    /** How many of a code's lengths must be sent: up to the last non-zero one, at least {@code minimum}. */
    private static int usedLength(int[] lengths, int symbols, int minimum) {
        int used = symbols;
        while (used > minimum && lengths[used - 1] == 0) {
            used--;
        }
        return used;
    }
}
