package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.support.JsonEscaper;

import java.util.ArrayList;
import java.util.List;

/**
 * FROZEN COPY of main's code at 52855be (before branch throwable-fast), kept only as the reference that
 * ThrowableBytesTest compares today's rendering with, byte for byte. Do not edit.
 *
 * <p>Original comment:
 * Writes an exception as a JSON object: {@code class}, {@code message} (omitted when null), {@code stack}
 * (every frame, nothing elided, so a reader needs no context), {@code cause} and {@code suppressed}
 * (omitted when absent), nested in the same shape. A throwable already written higher up is written as
 * {@code {"class":..,"message":..,"circular":true}}; past {@link ExceptionToken#MAX_THROWABLES}
 * throwables, further causes and suppressed ones are left out.
 */
final class OldJsonThrowable {

    private final ByteBuilder out;
    private final List<Throwable> seen = new ArrayList<>();

    private OldJsonThrowable(ByteBuilder out) {
        this.out = out;
    }

    /** Appends the object for {@code throwable}. Allocates (stack traces are copied by the JDK). */
    static void append(Throwable throwable, ByteBuilder out) {
        new OldJsonThrowable(out).object(throwable);
    }

    private void object(Throwable t) {
        out.appendAscii("{\"class\":");
        JsonEscaper.appendString(dev.spool.spi.RemoteThrowable.classNameOf(t), out);
        String message = UserCode.messageOf(t);
        if (message != null) {
            out.appendAscii(",\"message\":");
            JsonEscaper.appendString(message, out);
        }
        if (containsSame(t)) {
            out.appendAscii(",\"circular\":true}");
            return;
        }
        seen.add(t);
        stack(UserCode.stackOf(t));
        Throwable cause = UserCode.causeOf(t);
        if (cause != null && seen.size() < ExceptionToken.MAX_THROWABLES) {
            out.appendAscii(",\"cause\":");
            object(cause);
        }
        suppressed(UserCode.suppressedOf(t));
        out.append((byte) '}');
    }

    private void stack(StackTraceElement[] trace) {
        out.appendAscii(",\"stack\":[");
        for (int i = 0; i < trace.length; i++) {
            if (i > 0) {
                out.append((byte) ',');
            }
            out.append((byte) '"');
            OldStackFrames.append(trace[i], Escaper.JSON, out);
            out.append((byte) '"');
        }
        out.append((byte) ']');
    }

    private void suppressed(Throwable[] suppressed) {
        int count = Math.min(suppressed.length, ExceptionToken.MAX_THROWABLES - seen.size());
        if (count <= 0) {
            return;
        }
        out.appendAscii(",\"suppressed\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append((byte) ',');
            }
            object(suppressed[i]);
        }
        out.append((byte) ']');
    }

    private boolean containsSame(Throwable t) {
        for (Throwable s : seen) {
            if (s == t) {
                return true;
            }
        }
        return false;
    }
}
