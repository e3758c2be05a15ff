package dev.spool.otlp;

import dev.spool.spi.RemoteThrowable;

/**
 * The {@code exception.stacktrace} text: Java's familiar layout ({@code Class: message}, {@code \tat} frames,
 * {@code Caused by:}), but every cause with all of its frames (no {@code ... n more}), so a receiver can
 * rebuild the exception frame for frame. Frames are written as {@code a.b.C.m(C.java:10)}, without module
 * or class loader names.
 */
final class StackText {

    private static final int MAX_CAUSES = 100;

    private StackText() {
    }

    static String of(Throwable t) {
        StringBuilder out = new StringBuilder(1024);
        Throwable current = t;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
            if (depth > 0) {
                out.append("Caused by: ");
            }
            out.append(RemoteThrowable.classNameOf(current));
            if (current.getMessage() != null) {
                out.append(": ").append(current.getMessage());
            }
            out.append('\n');
            for (StackTraceElement frame : current.getStackTrace()) {
                out.append("\tat ");
                frame(frame, out);
                out.append('\n');
            }
            Throwable cause = current.getCause();
            current = cause == current ? null : cause;
        }
        return out.toString();
    }

    private static void frame(StackTraceElement frame, StringBuilder out) {
        out.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
        if (frame.isNativeMethod()) {
            out.append("Native Method");
        } else if (frame.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(frame.getFileName());
            if (frame.getLineNumber() >= 0) {
                out.append(':').append(frame.getLineNumber());
            }
        }
        out.append(')');
    }
}
