package dev.spool.sqlite;

import dev.spool.spi.RemoteThrowable;

import java.util.IdentityHashMap;
import java.util.Map;

/** The text stored in the {@code exception} column: class, message and stack of a throwable and its causes. */
final class ExceptionText {

    private static final int MAX_CAUSES = 32;

    private ExceptionText() {
    }

    static String of(Throwable t, StringBuilder scratch) {
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
