package dev.spool.format;

import java.util.Arrays;

/**
 * Joins a pattern's literal text to the token before it ({@link Token#withSuffix}), so that the writer
 * renders {@code %d %-5p [%t] %c - %m%n} in six calls (five tokens and the exception token) instead of
 * eleven: each token call is an interface call no compiler can inline (a pattern has many token classes),
 * and each literal a copy of one to three bytes.
 */
final class Suffix {

    private static final byte[] NEWLINE = {'\n'};

    private Suffix() {
    }

    /** {@code tokens} with each literal (and {@code %n}) joined to the token before it where that token can take it. */
    static Token[] join(Token[] tokens) {
        Token[] joined = new Token[tokens.length];
        int n = 0;
        for (Token token : tokens) {
            byte[] literal = literalBytes(token);
            if (literal != null && n > 0) {
                Token with = joined[n - 1].withSuffix(literal);
                if (with != null) {
                    joined[n - 1] = with;
                    continue;
                }
            }
            joined[n++] = token;
        }
        return Arrays.copyOf(joined, n);
    }

    /** {@code head} then {@code tail}, in a new array. */
    static byte[] join(byte[] head, byte[] tail) {
        byte[] both = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, both, head.length, tail.length);
        return both;
    }

    private static byte[] literalBytes(Token token) {
        if (token instanceof LiteralToken literal) {
            return literal.bytes();
        }
        return token == EventToken.NEWLINE ? NEWLINE : null;
    }
}
