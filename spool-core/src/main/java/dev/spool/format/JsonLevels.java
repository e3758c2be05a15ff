package dev.spool.format;

import dev.spool.Level;

import java.nio.charset.StandardCharsets;

/** Level names as quoted JSON strings, indexed by ordinal, shared by the JSON layouts. */
final class JsonLevels {

    static final byte[][] NAMES = names();

    private JsonLevels() {
    }

    private static byte[][] names() {
        Level[] levels = Level.values();
        byte[][] names = new byte[levels.length][];
        for (Level level : levels) {
            names[level.ordinal()] = ('"' + level.name() + '"').getBytes(StandardCharsets.US_ASCII);
        }
        return names;
    }
}
