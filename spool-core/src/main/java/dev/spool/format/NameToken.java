package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

import java.util.Arrays;

/**
 * {@code %t} and {@code %c}: a thread or logger name, escaped and encoded once and then copied as bytes.
 *
 * <p>The same few names come back in every event, and escaping and UTF-8 encoding them again was a
 * measurable share of the writer's time per event. A small direct-mapped cache, one per format instance,
 * keeps the encoded bytes per name (keyed by {@link String#hashCode()}, which a string caches). Each
 * entry is one immutable object read and replaced whole, so a format shared by two writer threads at
 * worst re-encodes a name; it never prints the bytes of another. A miss allocates; steady state does not.
 */
final class NameToken implements Token {

    private static final int ENTRIES = 64;

    private static final byte[] NONE = new byte[0];

    private final boolean thread;
    private final byte[] suffix; // the pattern's literal text after the name, cached with it
    private final Entry[] cache = new Entry[ENTRIES];

    private NameToken(boolean thread, byte[] suffix) {
        this.thread = thread;
        this.suffix = suffix;
    }

    static NameToken thread() {
        return new NameToken(true, NONE);
    }

    static NameToken logger() {
        return new NameToken(false, NONE);
    }

    @Override
    public Token withSuffix(byte[] more) {
        return new NameToken(thread, Suffix.join(suffix, more));
    }

    @Override
    public void render(LogEvent event, ByteBuilder out) {
        String name = thread ? event.threadName() : event.logger();
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

    private static final class Entry {
        final String name;
        final byte[] bytes;

        Entry(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }
}
