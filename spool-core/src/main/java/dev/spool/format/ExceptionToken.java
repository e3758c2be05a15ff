package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %ex}: the event's exception as a stack trace on continuation lines, each starting with a TAB so
 * that a reader can tell where the next event begins. The layout is the JDK's
 * ({@code Caused by:}, {@code Suppressed:}, {@code ... n more} for frames shared with the enclosing
 * trace), with a TAB added in front of the lines the JDK starts at column 0. Messages are escaped like
 * event messages; a cause cycle is printed once and then marked, as the JDK does.
 *
 * <p>Allocates while rendering an exception (the JDK copies every stack trace it hands out); events
 * without one cost nothing.
 */
final class ExceptionToken implements Token {

    /** Bounds output and recursion for pathological cause chains. */
    static final int MAX_THROWABLES = 100;

    private final boolean atLineStart;

    /**
     * @param atLineStart whether the token follows a line end ({@code %n%ex}): lines are then written as
     *                    TAB...LF; otherwise as LF TAB..., so {@code %m%ex%n} reads the same
     */
    ExceptionToken(boolean atLineStart) {
        this.atLineStart = atLineStart;
    }

    @Override
    public void render(LogEvent event, ByteBuilder out) {
        Throwable throwable = event.throwable();
        if (throwable != null) {
            new Rendering(out, atLineStart).throwable(throwable, null, "", 0);
        }
    }

    /** One exception being written: the output and the throwables already seen (cycle guard). */
    private static final class Rendering {

        private final ByteBuilder out;
        private final boolean atLineStart;
        private final List<Throwable> seen = new ArrayList<>();

        Rendering(ByteBuilder out, boolean atLineStart) {
            this.out = out;
            this.atLineStart = atLineStart;
        }

        void throwable(Throwable t, StackTraceElement[] enclosing, String caption, int depth) {
            if (refuse(t, caption, depth)) {
                return;
            }
            seen.add(t);
            StackTraceElement[] trace = UserCode.stackOf(t);
            int common = enclosing == null ? 0 : StackFrames.inCommon(trace, enclosing);
            beginLine(Math.max(1, depth));
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
            beginLine(Math.max(1, depth));
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
                StackFrames.append(trace[i], Escaper.LINE, out);
                endLine();
            }
            if (common > 0) {
                beginLine(tabs);
                out.appendAscii("... ").appendDecimal(common).appendAscii(" more");
                endLine();
            }
        }

        private void describe(Throwable t) {
            LineEscaper.append(dev.spool.spi.RemoteThrowable.classNameOf(t), out);
            String message = UserCode.messageOf(t);
            if (message != null) {
                out.append((byte) ':').append((byte) ' ');
                LineEscaper.append(message, out);
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
                out.append((byte) '\n');
            }
            out.repeat((byte) '\t', tabs);
        }

        private void endLine() {
            if (atLineStart) {
                out.append((byte) '\n');
            }
        }
    }
}
