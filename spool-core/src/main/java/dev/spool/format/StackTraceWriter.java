package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.RemoteThrowable;

import java.nio.charset.StandardCharsets;

/**
 * Writes one exception as a stack trace in the JDK's layout ({@code Caused by:}, {@code Suppressed:},
 * {@code ... n more} for frames shared with the enclosing trace, a cycle printed once and marked), either
 * as continuation lines of a text event ({@link #text}) or as the content of a JSON string
 * ({@link #json}: line feeds and TABs written as {@code \n} and {@code \t}).
 *
 * <p>Frames are copied from {@link FrameText}'s bytes when written before. Allocates only what the JDK
 * does (a copy of each stack trace it hands out) and, for an exception with a cause or suppressed ones,
 * the {@link SeenThrowables} that guards against cycles; the three layouts are shared, stateless instances.
 */
final class StackTraceWriter {

    /** Bounds output and recursion for pathological cause chains. */
    static final int MAX_THROWABLES = 100;

    private static final StackTraceWriter TEXT_AT_LINE_START =
            new StackTraceWriter(Escaper.LINE, "\n", "\t", true, 1);
    private static final StackTraceWriter TEXT_BEFORE_LINE_END =
            new StackTraceWriter(Escaper.LINE, "\n", "\t", false, 1);
    private static final StackTraceWriter JSON = new StackTraceWriter(Escaper.JSON, "\\n", "\\t", true, 0);

    private final Escaper escaper;
    private final FrameText frameText;
    private final boolean atLineStart;
    private final int minTabs;
    private final byte[] lineEndBytes;
    private final byte[] tabBytes;
    /** What starts a frame line at 0..3 TABs: the line end when it goes first, the TABs and {@code at }. */
    private final byte[][] framePrefix = new byte[4][];

    private StackTraceWriter(Escaper escaper, String lineEnd, String tab, boolean atLineStart, int minTabs) {
        this.escaper = escaper;
        this.frameText = FrameText.of(escaper);
        this.atLineStart = atLineStart;
        this.minTabs = minTabs;
        this.lineEndBytes = lineEnd.getBytes(StandardCharsets.US_ASCII);
        this.tabBytes = tab.getBytes(StandardCharsets.US_ASCII);
        for (int tabs = 0; tabs < framePrefix.length; tabs++) {
            framePrefix[tabs] = ((atLineStart ? "" : lineEnd) + tab.repeat(tabs) + "at ")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Writes {@code throwable} as continuation lines of a text event, each starting with at least one TAB.
     *
     * @param atLineStart whether lines are written TAB...LF (after {@code %n}) or LF TAB... (before it)
     */
    static void text(Throwable throwable, ByteBuilder out, boolean atLineStart) {
        (atLineStart ? TEXT_AT_LINE_START : TEXT_BEFORE_LINE_END).write(throwable, out);
    }

    /** Writes the JDK's {@code printStackTrace} text of {@code throwable}, escaped as JSON string content. */
    static void json(Throwable throwable, ByteBuilder out) {
        JSON.write(throwable, out);
    }

    /**
     * The outermost throwable: nothing is seen yet, so it is never refused, and the record of what was
     * seen is made only when a suppressed one or a cause follows. User code is called in the same order
     * as for the nested ones.
     */
    private void write(Throwable t, ByteBuilder out) {
        StackTraceElement[] trace = UserCode.stackOf(t);
        beginLine(out, minTabs);
        describe(t, out);
        endLine(out);
        frames(out, trace, trace.length, 0, 1);
        SeenThrowables seen = null;
        Throwable[] suppressed = UserCode.suppressedOf(t);
        if (suppressed.length > 0) {
            seen = new SeenThrowables(t);
            for (Throwable s : suppressed) {
                throwable(out, seen, s, trace, "Suppressed: ", 1);
            }
        }
        Throwable cause = UserCode.causeOf(t);
        if (cause != null) {
            throwable(out, seen == null ? new SeenThrowables(t) : seen, cause, trace, "Caused by: ", 0);
        }
    }

    private void throwable(ByteBuilder out, SeenThrowables seen, Throwable t, StackTraceElement[] enclosing,
                           String caption, int depth) {
        if (refuse(out, seen, t, caption, depth)) {
            return;
        }
        seen.add(t);
        StackTraceElement[] trace = UserCode.stackOf(t);
        int common = StackFrames.inCommon(trace, enclosing);
        beginLine(out, Math.max(minTabs, depth));
        out.appendAscii(caption);
        describe(t, out);
        endLine(out);
        frames(out, trace, trace.length - common, common, depth + 1);
        for (Throwable suppressed : UserCode.suppressedOf(t)) {
            throwable(out, seen, suppressed, trace, "Suppressed: ", depth + 1);
        }
        Throwable cause = UserCode.causeOf(t);
        if (cause != null) {
            throwable(out, seen, cause, trace, "Caused by: ", depth);
        }
    }

    /** Writes a marker instead of {@code t} when it was seen already or the limit is reached. */
    private boolean refuse(ByteBuilder out, SeenThrowables seen, Throwable t, String caption, int depth) {
        boolean circular = seen.containsSame(t);
        if (!circular && seen.count() < MAX_THROWABLES) {
            return false;
        }
        beginLine(out, Math.max(minTabs, depth));
        out.appendAscii(caption);
        if (circular) {
            out.appendAscii("[CIRCULAR REFERENCE: ");
            describe(t, out);
            out.append((byte) ']');
        } else {
            out.appendAscii("[further throwables omitted]");
        }
        endLine(out);
        return true;
    }

    private void frames(ByteBuilder out, StackTraceElement[] trace, int count, int common, int tabs) {
        byte[] prefix = tabs < framePrefix.length ? framePrefix[tabs] : null;
        for (int i = 0; i < count; i++) {
            if (prefix != null) {
                out.append(prefix, 0, prefix.length);
            } else {
                beginLine(out, tabs);
                out.appendAscii("at ");
            }
            frameText.append(trace[i], out);
            endLine(out);
        }
        if (common > 0) {
            beginLine(out, tabs);
            out.appendAscii("... ").appendDecimal(common).appendAscii(" more");
            endLine(out);
        }
    }

    private void describe(Throwable t, ByteBuilder out) {
        frameText.appendClassName(RemoteThrowable.classNameOf(t), out);
        String message = UserCode.messageOf(t);
        if (message != null) {
            out.append((byte) ':').append((byte) ' ');
            escaper.append(message, out);
        }
    }

    private void beginLine(ByteBuilder out, int tabs) {
        if (!atLineStart) {
            out.append(lineEndBytes, 0, lineEndBytes.length);
        }
        for (int i = 0; i < tabs; i++) {
            out.append(tabBytes, 0, tabBytes.length);
        }
    }

    private void endLine(ByteBuilder out) {
        if (atLineStart) {
            out.append(lineEndBytes, 0, lineEndBytes.length);
        }
    }
}
