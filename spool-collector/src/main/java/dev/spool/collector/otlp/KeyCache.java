package dev.spool.collector.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attribute keys a decoding thread has seen, so that the same few keys in every record
 * ({@code thread.name}, {@code log.record.uid}, a sender's field names) are one {@code String} each with
 * its hash already computed, not a new string hashed again by the attribute map and the mapper's switch.
 * Bounded: {@value #SLOTS} ASCII keys of at most {@value #MAX_KEY_BYTES} bytes, a colliding key replaces
 * the one in its slot (hostile keys only cost misses). Not thread-safe: one per decoding thread.
 */
final class KeyCache {

    static final int SLOTS = 256;
    static final int MAX_KEY_BYTES = 64;

    private final byte[][] keyBytes = new byte[SLOTS][];
    private final String[] keys = new String[SLOTS];

    /**
     * The key held in {@code bytes[from, to)}, which the caller checked to be ASCII; cached when short
     * enough.
     */
    String ascii(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > MAX_KEY_BYTES) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        int h = length;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] cached = keyBytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, bytes, from, to)) {
            return keys[slot];
        }
        String key = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        keyBytes[slot] = Arrays.copyOfRange(bytes, from, to);
        keys[slot] = key;
        return key;
    }
}
