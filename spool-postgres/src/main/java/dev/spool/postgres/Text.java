package dev.spool.postgres;

import dev.spool.spi.RemoteThrowable;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Makes event text storable in PostgreSQL: NUL, which a text value cannot hold, becomes U+FFFD, and text
 * longer than a column's limit is cut with a marker saying how much was cut. Also renders exceptions.
 */
final class Text {

    /** What NUL is stored as. */
    static final char REPLACEMENT = '\uFFFD';

    private static final int MAX_CAUSES = 32;

    private Text() {
    }

    /** {@code s} without NUL and at most {@code maxChars} long (plus the marker); null stays null. */
    static String storable(String s, int maxChars) {
        if (s == null) {
            return null;
        }
        String cut = s.length() <= maxChars ? s
                : s.substring(0, maxChars) + "...[" + (s.length() - maxChars) + " chars cut]";
        return cut.indexOf('\0') < 0 ? cut : cut.replace('\0', REPLACEMENT);
    }

    /** Class, message and stack of {@code t} and its causes, or null. */
    static String exception(Throwable t, StringBuilder scratch) {
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
            if (current.getMessage() != null) {
                scratch.append(": ").append(current.getMessage());
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
