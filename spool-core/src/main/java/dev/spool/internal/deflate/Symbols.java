package dev.spool.internal.deflate;

/** Deflate's length and distance alphabets (RFC 1951, 3.2.5) and its fixed codes (3.2.6). */
final class Symbols {

    static final int END_OF_BLOCK = 256;
    /** Literal/length symbols a block can use: 0-255 literals, 256 end of block, 257-285 lengths. */
    static final int LITERAL_LENGTH_SYMBOLS = 286;
    static final int DISTANCE_SYMBOLS = 30;
    static final int MIN_MATCH = 3;
    static final int MAX_MATCH = 258;
    static final int WINDOW = 32 * 1024;

    /** First length of each length symbol, 257 + i. */
    static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67,
            83, 99, 115, 131, 163, 195, 227, 258};
    static final int[] LENGTH_EXTRA_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
            5, 5, 5, 5, 0};
    /** First distance of each distance symbol. */
    static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
            769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    static final int[] DISTANCE_EXTRA_BITS = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
            10, 11, 11, 12, 12, 13, 13};

    /** The length symbol minus 257 of each match length minus 3. */
    private static final byte[] LENGTH_SYMBOL = new byte[MAX_MATCH - MIN_MATCH + 1];

    static {
        for (int symbol = 0; symbol < LENGTH_BASE.length; symbol++) {
            int last = Math.min(MAX_MATCH, LENGTH_BASE[symbol] + (1 << LENGTH_EXTRA_BITS[symbol]) - 1);
            for (int length = LENGTH_BASE[symbol]; length <= last; length++) {
                LENGTH_SYMBOL[length - MIN_MATCH] = (byte) symbol; // 258 ends up with 285, as it must
            }
        }
    }

    private Symbols() {
    }

    /** The length symbol minus 257 for a match of {@code length} (3 to 258). */
    static int lengthSymbol(int length) {
        return LENGTH_SYMBOL[length - MIN_MATCH];
    }

    /** The distance symbol for {@code distance} (1 to 32768). */
    static int distanceSymbol(int distance) {
        int d = distance - 1;
        if (d < 4) {
            return d;
        }
        int log = 31 - Integer.numberOfLeadingZeros(d); // each pair of symbols doubles the range
        return (log << 1) | ((d >>> (log - 1)) & 1);
    }

    /** The fixed code's length of each literal/length symbol (288 of them; 286 and 287 never occur). */
    static int fixedLiteralLengthBits(int symbol) {
        if (symbol < 144) {
            return 8;
        }
        if (symbol < 256) {
            return 9;
        }
        return symbol < 280 ? 7 : 8;
    }

    /** The fixed code's length of every distance symbol. */
    static final int FIXED_DISTANCE_BITS = 5;
}
