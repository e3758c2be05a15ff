package dev.spool.collector.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Strings of short ASCII names seen recently (loggers, threads, field keys, services, hosts), so that
 * a name repeated on every line is not a new String on every line. Direct-mapped by the name's hash: a
 * name that collides with another replaces it. Fixed size, not thread-safe.
 */
final class NameCache {

    private static final int SLOTS = 256;
    private static final int MAX_NAME_BYTES = 64;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    /** The String of {@code length} ASCII bytes at {@code offset}. */
    String get(byte[] in, int offset, int length) {
        if (length > MAX_NAME_BYTES) {
            return new String(in, offset, length, StandardCharsets.ISO_8859_1);
        }
        int hash = length;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + in[i];
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        byte[] cached = bytes[slot];
        if (cached != null && cached.length == length && Arrays.equals(cached, 0, length, in, offset, offset + length)) {
            return strings[slot];
        }
        byte[] copy = Arrays.copyOfRange(in, offset, offset + length);
        String name = new String(copy, StandardCharsets.ISO_8859_1);
        bytes[slot] = copy;
        strings[slot] = name;
        return name;
    }
}
