package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.RemoteThrowable;
import dev.spool.spi.support.JsonEscaper;

/**
 * Writes an exception as a JSON object: {@code class}, {@code message} (omitted when null), {@code stack}
 * (every frame, nothing elided, so a reader needs no context), {@code cause} and {@code suppressed}
 * (omitted when absent), nested in the same shape. A throwable already written higher up is written as
 * {@code {"class":..,"message":..,"circular":true}}; past {@link ExceptionToken#MAX_THROWABLES}
 * throwables, further causes and suppressed ones are left out.
 */
final class JsonThrowable {

    private JsonThrowable() {
    }

    /**
     * Appends the object for {@code throwable}. Allocates only what the JDK does (a copy of each stack
     * trace) and, for an exception with a cause or suppressed ones, the {@link SeenThrowables} that guards
     * against cycles; frames come from {@link FrameText}.
     */
    static void append(Throwable throwable, ByteBuilder out) {
        // The outermost object: nothing is seen yet, so it is never circular; user code is called in the
        // same order as for the nested ones.
        head(throwable, out);
        stack(UserCode.stackOf(throwable), out);
        SeenThrowables seen = null;
        Throwable cause = UserCode.causeOf(throwable);
        if (cause != null) {
            seen = new SeenThrowables(throwable);
            out.appendAscii(",\"cause\":");
            object(cause, seen, out);
        }
        Throwable[] suppressed = UserCode.suppressedOf(throwable);
        if (suppressed.length > 0) {
            suppressed(suppressed, seen == null ? new SeenThrowables(throwable) : seen, out);
        }
        out.append((byte) '}');
    }

    private static void object(Throwable t, SeenThrowables seen, ByteBuilder out) {
        head(t, out);
        if (seen.containsSame(t)) {
            out.appendAscii(",\"circular\":true}");
            return;
        }
        seen.add(t);
        stack(UserCode.stackOf(t), out);
        Throwable cause = UserCode.causeOf(t);
        if (cause != null && seen.count() < ExceptionToken.MAX_THROWABLES) {
            out.appendAscii(",\"cause\":");
            object(cause, seen, out);
        }
        suppressed(UserCode.suppressedOf(t), seen, out);
        out.append((byte) '}');
    }

    private static void head(Throwable t, ByteBuilder out) {
        out.appendAscii("{\"class\":");
        JsonEscaper.appendString(RemoteThrowable.classNameOf(t), out);
        String message = UserCode.messageOf(t);
        if (message != null) {
            out.appendAscii(",\"message\":");
            JsonEscaper.appendString(message, out);
        }
    }

    private static void stack(StackTraceElement[] trace, ByteBuilder out) {
        out.appendAscii(",\"stack\":[");
        for (int i = 0; i < trace.length; i++) {
            if (i > 0) {
                out.append((byte) ',');
            }
            out.append((byte) '"');
            FrameText.JSON.append(trace[i], out);
            out.append((byte) '"');
        }
        out.append((byte) ']');
    }

    private static void suppressed(Throwable[] suppressed, SeenThrowables seen, ByteBuilder out) {
        int count = Math.min(suppressed.length, ExceptionToken.MAX_THROWABLES - seen.count());
        if (count <= 0) {
            return;
        }
        out.appendAscii(",\"suppressed\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append((byte) ',');
            }
            object(suppressed[i], seen, out);
        }
        out.append((byte) ']');
    }
}
