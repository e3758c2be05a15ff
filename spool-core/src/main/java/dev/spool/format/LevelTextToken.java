package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

/**
 * {@code %p} (padded or not) joined with the literal text after it: each level's whole text, such as
 * {@code "INFO  ["}, made once, so an event costs one copy.
 */
final class LevelTextToken extends Token {

    /** By {@link dev.spool.Level#ordinal()}. */
    private final byte[][] texts;

    private LevelTextToken(byte[][] texts) {
        this.texts = texts;
    }

    /** Each of {@code levels} (by ordinal) followed by {@code suffix}. */
    static LevelTextToken of(byte[][] levels, byte[] suffix) {
        byte[][] texts = new byte[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            texts[i] = concat(levels[i], suffix);
        }
        return new LevelTextToken(texts);
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        out.append(texts[event.level().ordinal()]);
    }

    @Override
    Token followedBy(byte[] suffix) {
        return of(texts, suffix);
    }
}
