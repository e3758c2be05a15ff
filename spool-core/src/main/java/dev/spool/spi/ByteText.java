package dev.spool.spi;

/**
 * Text that may be held as bytes: an event's message as the pipeline keeps it. While
 * {@link #printableAscii()} returns an array, every char of the text is in U+0020 to U+007E and equals the
 * byte at the same index, so a writer copies those bytes instead of encoding chars (the escapers in
 * {@code dev.spool.spi.support} do); otherwise the text is held as chars and read as any
 * {@link CharSequence}.
 *
 * <p>Like the event it belongs to, valid only during the call it is passed to.
 */
public abstract class ByteText implements CharSequence {

    protected ByteText() {
    }

    /**
     * The text's bytes, valid over {@code [0, length())}, when it is all printable ASCII (U+0020 to U+007E);
     * {@code null} when it is held as chars. The array is the holder's own: read it, never write it.
     */
    public abstract byte[] printableAscii();

    /** Copies {@code [start, end)} into {@code dst} from {@code dstBegin}, in bulk. */
    public abstract void getChars(int start, int end, char[] dst, int dstBegin);
}
