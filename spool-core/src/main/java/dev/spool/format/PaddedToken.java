package dev.spool.format;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.util.Arrays;

/**
 * A token with a width: {@code %5p} pads on the left to 5 characters, {@code %-5p} on the right,
 * {@code %.20c} keeps the last 20 characters and {@code %.-20c} the first 20. Widths count characters
 * (code points) of the written, escaped text, never bytes, and a cut never splits a UTF-8 sequence.
 */
final class PaddedToken extends Token {

    private final Token inner;
    private final int minChars;
    private final boolean padRight;
    private final int maxChars;
    private final boolean keepStart;
    /** For {@code %p} with a width: each level's text already padded or cut, by ordinal; else null. */
    private final byte[][] levels;

    PaddedToken(Token inner, int minChars, boolean padRight, int maxChars, boolean keepStart) {
        this(inner, minChars, padRight, maxChars, keepStart, inner == EventToken.LEVEL);
    }

    /**
     * @param precomputeLevels whether a level token's few possible texts are padded once here instead of
     *                         for every event ({@code %-5p} is in most patterns); false only in tests that
     *                         compare the two ways
     */
    PaddedToken(Token inner, int minChars, boolean padRight, int maxChars, boolean keepStart, boolean precomputeLevels) {
        this.inner = inner;
        this.minChars = minChars;
        this.padRight = padRight;
        this.maxChars = maxChars;
        this.keepStart = keepStart;
        this.levels = precomputeLevels ? paddedLevels() : null;
    }

    private byte[][] paddedLevels() {
        Level[] all = Level.values();
        byte[][] texts = new byte[all.length][];
        ByteBuilder out = new ByteBuilder(64);
        for (Level level : all) {
            out.clear();
            pad(out, level);
            texts[level.ordinal()] = Arrays.copyOf(out.array(), out.length());
        }
        return texts;
    }

    private void pad(ByteBuilder out, Level level) {
        int start = out.length();
        out.appendAscii(level.name());
        fit(out, start);
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        if (levels != null) {
            out.append(levels[event.level().ordinal()]);
            return;
        }
        int start = out.length();
        inner.render(event, out);
        fit(out, start);
    }

    @Override
    Token followedBy(byte[] suffix) {
        return levels == null ? null : LevelTextToken.of(levels, suffix);
    }

    /** Cuts or pads what was written from {@code start} to this token's width. */
    private void fit(ByteBuilder out, int start) {
        int chars = countChars(out, start, out.length());
        if (chars > maxChars) {
            cut(out, start, chars);
            chars = maxChars;
        }
        if (chars < minChars) {
            pad(out, start, minChars - chars);
        }
    }

    private void cut(ByteBuilder out, int start, int chars) {
        if (keepStart) {
            out.truncate(skipChars(out, start, maxChars));
            return;
        }
        int from = skipChars(out, start, chars - maxChars);
        byte[] bytes = out.array();
        int kept = out.length() - from;
        System.arraycopy(bytes, from, bytes, start, kept);
        out.truncate(start + kept);
    }

    private void pad(ByteBuilder out, int start, int spaces) {
        int written = out.length() - start;
        out.repeat((byte) ' ', spaces);
        if (!padRight) {
            byte[] bytes = out.array();
            System.arraycopy(bytes, start, bytes, start + spaces, written);
            Arrays.fill(bytes, start, start + spaces, (byte) ' ');
        }
    }

    /** Counts UTF-8 sequences: every byte except continuation bytes (10xxxxxx) starts one. */
    private static int countChars(ByteBuilder out, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if ((out.byteAt(i) & 0xC0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    /** The byte index after {@code count} characters from {@code from}. */
    private static int skipChars(ByteBuilder out, int from, int count) {
        int i = from;
        for (int seen = 0; seen < count; seen++) {
            i++;
            while (i < out.length() && (out.byteAt(i) & 0xC0) == 0x80) {
                i++;
            }
        }
        return i;
    }
}
