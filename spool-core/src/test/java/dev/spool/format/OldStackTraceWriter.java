package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.RemoteThrowable;

import java.util.ArrayList;
import java.util.List;

/**
 * FROZEN COPY of main's code at 52855be (before branch throwable-fast), kept only as the reference that
 * ThrowableBytesTest compares today's rendering with, byte for byte. Do not edit.
 *
 * <p>Original comment:
 * Writes one exception as a stack trace in the JDK's layout ({@code Caused by:}, {@code Suppressed:},
 * {@code ... n more} for frames shared with the enclosing trace, a cycle printed once and marked), either
 * as continuation lines of a text event ({@link #text}) or as the content of a JSON string
 * ({@link #json}: line feeds and TABs written as {@code \n} and {@code \t}). Allocates: the JDK copies
 * every stack trace it hands out. One instance per exception.
 */
final class OldStackTraceWriter {

    /** Bounds output and recursion for pathological cause chains. */
    static final int MAX_THROWABLES = 100;

    private final ByteBuilder out;
    private final Escaper escaper;
    private final String lineEnd;
    private final String tab;
    private final boolean atLineStart;
    private final int minTabs;
    private final List<Throwable> seen = new ArrayList<>();

    private OldStackTraceWriter(ByteBuilder out, Escaper escaper, String lineEnd, String tab, boolean atLineStart,
                             int minTabs) {
        this.out = out;
        this.escaper = escaper;
        this.lineEnd = lineEnd;
        this.tab = tab;
        this.atLineStart = atLineStart;
        this.minTabs = minTabs;
    }

    /**
     * Continuation lines of a text event, each starting with at least one TAB.
     *
     * @param atLineStart whether lines are written TAB...LF (after {@code %n}) or LF TAB... (before it)
     */
    static OldStackTraceWriter text(ByteBuilder out, boolean atLineStart) {
        return new OldStackTraceWriter(out, Escaper.LINE, "\n", "\t", atLineStart, 1);
    }

    /** The JDK's {@code printStackTrace} text, escaped as JSON string content (no quotes). */
    static OldStackTraceWriter json(ByteBuilder out) {
        return new OldStackTraceWriter(out, Escaper.JSON, "\\n", "\\t", true, 0);
    }

    void write(Throwable throwable) {
        throwable(throwable, null, "", 0);
    }

    private void throwable(Throwable t, StackTraceElement[] enclosing, String caption, int depth) {
        if (refuse(t, caption, depth)) {
            return;
        }
        seen.add(t);
        StackTraceElement[] trace = UserCode.stackOf(t);
        int common = enclosing == null ? 0 : OldStackFrames.inCommon(trace, enclosing);
        beginLine(Math.max(minTabs, depth));
        out.appendAscii(caption);
        describe(t);
        endLine();
        frames(trace, trace.length - common, common, depth + 1);
        for (Throwable suppressed : UserCode.suppressedOf(t)) {
            throwable(suppressed, trace, "Suppressed: ", depth + 1);
        }
        Throwable cause = UserCode.causeOf(t);
        if (cause != null) {
            throwable(cause, trace, "Caused by: ", depth);
        }
    }

    /** Writes a marker instead of {@code t} when it was seen already or the limit is reached. */
    private boolean refuse(Throwable t, String caption, int depth) {
        boolean circular = containsSame(t);
        if (!circular && seen.size() < MAX_THROWABLES) {
            return false;
        }
        beginLine(Math.max(minTabs, depth));
        out.appendAscii(caption);
        if (circular) {
            out.appendAscii("[CIRCULAR REFERENCE: ");
            describe(t);
            out.append((byte) ']');
        } else {
            out.appendAscii("[further throwables omitted]");
        }
        endLine();
        return true;
    }

    private void frames(StackTraceElement[] trace, int count, int common, int tabs) {
        for (int i = 0; i < count; i++) {
            beginLine(tabs);
            out.appendAscii("at ");
            OldStackFrames.append(trace[i], escaper, out);
            endLine();
        }
        if (common > 0) {
            beginLine(tabs);
            out.appendAscii("... ").appendDecimal(common).appendAscii(" more");
            endLine();
        }
    }

    private void describe(Throwable t) {
        escaper.append(RemoteThrowable.classNameOf(t), out);
        String message = UserCode.messageOf(t);
        if (message != null) {
            out.append((byte) ':').append((byte) ' ');
            escaper.append(message, out);
        }
    }

    private boolean containsSame(Throwable t) {
        for (Throwable s : seen) {
            if (s == t) {
                return true;
            }
        }
        return false;
    }

    private void beginLine(int tabs) {
        if (!atLineStart) {
            out.appendAscii(lineEnd);
        }
        for (int i = 0; i < tabs; i++) {
            out.appendAscii(tab);
        }
    }

    private void endLine() {
        if (atLineStart) {
            out.appendAscii(lineEnd);
        }
    }
}
