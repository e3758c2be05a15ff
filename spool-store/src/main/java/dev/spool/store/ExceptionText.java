package dev.spool.store;

import dev.spool.spi.RemoteThrowable;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The text both stores keep in their {@code exception} column: class, message and stack of a throwable
 * and of its causes, each cause introduced by {@code Caused by: }, at most 32 deep and stopping at a cycle.
 * Stateless.
 */
public final class ExceptionText {

    private static final int MAX_CAUSES = 32;

    private ExceptionText() {
    }

    /** The text of {@code t} built in {@code scratch} (which it clears), or null for no throwable. */
    public static String of(Throwable t, StringBuilder scratch) {
        if (t == null) {
            return null;
        }
        scratch.setLength(0);
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = t;
        for (int depth = 0; current != null && depth < MAX_CAUSES && seen.put(current, Boolean.TRUE) == null; depth++) {
            if (depth > 0) {
                scratch.append("Caused by: ");
            }
            scratch.append(RemoteThrowable.classNameOf(current));
            String message = current.getMessage();
            if (message != null) {
                scratch.append(": ").append(message);
            }
            scratch.append('\n');
            for (StackTraceElement frame : current.getStackTrace()) {
                scratch.append("\tat ").append(frame).append('\n');
            }
            current = current.getCause();
        }
        return scratch.toString();
    }
}
