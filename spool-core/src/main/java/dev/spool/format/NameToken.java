package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

import java.util.Arrays;

/**
 * {@code %t} and {@code %c}: a thread or logger name, escaped and encoded once and then copied as bytes.
 *
 * <p>The same few names come back in every event, and escaping and UTF-8 encoding them again was a
 * measurable share of the writer's time per event. A small direct-mapped cache, one per token instance,
 * keeps the encoded bytes per name (keyed by {@link String#hashCode()}, which a string caches). Each
 * entry is one immutable object read and replaced whole, so a format shared by two writer threads at
 * worst re-encodes a name; it never prints the bytes of another. A miss allocates; steady state does not.
 */
final class NameToken extends Token {

    private static final int ENTRIES = 64;

    private static final byte[] NOTHING = new byte[0];

    private final boolean thread;
    /** The pattern's literal text after the name, kept in each entry after the name's bytes ({@link #followedBy}). */
    private final byte[] suffix;
    private final Entry[] cache = newCache();

    private NameToken(boolean thread, byte[] suffix) {
        this.thread = thread;
        this.suffix = suffix;
    }

    static NameToken thread() {
        return new NameToken(true, NOTHING);
    }

    static NameToken logger() {
        return new NameToken(false, NOTHING);
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        append(cache, thread ? event.threadName() : event.logger(), suffix, out);
    }

    @Override
    Token followedBy(byte[] more) {
        return new NameToken(thread, concat(suffix, more));
    }

    /** A table for {@link #append}: {@link FieldsToken} keeps its keys' bytes the same way. */
    static Entry[] newCache() {
        return new Entry[ENTRIES];
    }

    /** Appends {@code name} escaped, from {@code cache} when it is there, and keeps it there when it was not. */
    static void append(Entry[] cache, String name, ByteBuilder out) {
        append(cache, name, NOTHING, out);
    }

    /** As {@link #append(Entry[], String, ByteBuilder)}, then {@code suffix}; an entry keeps the two together. */
    private static void append(Entry[] cache, String name, byte[] suffix, ByteBuilder out) {
        if (name == null) {
            out.appendAscii("null").append(suffix);
            return;
        }
        int slot = name.hashCode() & (ENTRIES - 1);
        Entry entry = cache[slot];
        if (entry != null && (entry.name == name || entry.name.equals(name))) {
            out.append(entry.bytes);
            return;
        }
        int start = out.length();
        LineEscaper.append(name, out);
        out.append(suffix);
        cache[slot] = new Entry(name, Arrays.copyOfRange(out.array(), start, out.length()));
    }

    static final class Entry {
        final String name;
        final byte[] bytes;

        Entry(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }
}
