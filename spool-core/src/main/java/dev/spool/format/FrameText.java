package dev.spool.format;

import dev.spool.spi.ByteBuilder;

import java.util.Arrays;
import java.util.Objects;

/**
 * The text of stack frames already written, so a frame seen again is one copy of its bytes instead of
 * three escaped strings and a number. Keyed by what the text depends on, the frame's class, method, file
 * and line (native is line -2), never by the frame or exception object: frames of two exceptions thrown
 * from the same place are different objects with the same text. Holds only Strings and bytes, never a
 * frame (which would pin its class and class loader).
 *
 * <p>Bounded: {@link #SLOTS} direct-mapped slots per escaper, a new frame replacing the one in its slot;
 * text longer than {@link #MAX_BYTES} is written each time and not kept. Shared by every thread without
 * locks: a slot holds an immutable {@link Entry} whose fields are final, so a thread reading a slot
 * another thread has just replaced sees either entry whole (JLS 17.5); a lost race only costs a miss.
 */
final class FrameText {

    static final int SLOTS = 1024;
    static final int MAX_BYTES = 512;
    static final int NAME_SLOTS = 256;

    static final FrameText LINE = new FrameText(Escaper.LINE);
    static final FrameText JSON = new FrameText(Escaper.JSON);

    private final Escaper escaper;
    private final Entry[] slots = new Entry[SLOTS];
    private final Name[] names = new Name[NAME_SLOTS];

    private FrameText(Escaper escaper) {
        this.escaper = escaper;
    }

    static FrameText of(Escaper escaper) {
        return escaper == Escaper.JSON ? JSON : LINE;
    }

    /** Appends {@code frame} as {@link StackFrames#append} does. */
    void append(StackTraceElement frame, ByteBuilder out) {
        String className = frame.getClassName();
        String method = frame.getMethodName();
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        int hash = hash(className, method, file, line);
        int index = hash & (SLOTS - 1);
        Entry entry = slots[index];
        if (entry != null && entry.line == line && entry.className.equals(className)
                && entry.method.equals(method) && Objects.equals(entry.file, file)) {
            out.append(entry.text, 0, entry.text.length);
            return;
        }
        int start = out.length();
        StackFrames.append(frame, escaper, out);
        int length = out.length() - start;
        if (className != null && method != null && length <= MAX_BYTES) {
            slots[index] = new Entry(className, method, file, line,
                    Arrays.copyOfRange(out.array(), start, start + length));
        }
    }

    /** Appends {@code className} escaped, as {@link Escaper#append} does; kept like frames, keyed by the text. */
    void appendClassName(String className, ByteBuilder out) {
        int h = className.hashCode();
        int index = (h ^ (h >>> 16)) & (NAME_SLOTS - 1);
        Name name = names[index];
        if (name != null && name.className.equals(className)) {
            out.append(name.text, 0, name.text.length);
            return;
        }
        int start = out.length();
        escaper.append(className, out);
        int length = out.length() - start;
        if (length <= MAX_BYTES) {
            names[index] = new Name(className, Arrays.copyOfRange(out.array(), start, start + length));
        }
    }

    private static int hash(String className, String method, String file, int line) {
        int h = className == null ? 0 : className.hashCode();
        h = 31 * h + (method == null ? 0 : method.hashCode());
        h = 31 * h + (file == null ? 0 : file.hashCode());
        h = 31 * h + line;
        return h ^ (h >>> 16);
    }

    private static final class Name {
        final String className;
        final byte[] text;

        Name(String className, byte[] text) {
            this.className = className;
            this.text = text;
        }
    }

    private static final class Entry {
        final String className;
        final String method;
        final String file;
        final int line;
        final byte[] text;

        Entry(String className, String method, String file, int line, byte[] text) {
            this.className = className;
            this.method = method;
            this.file = file;
            this.line = line;
            this.text = text;
        }
    }
}
